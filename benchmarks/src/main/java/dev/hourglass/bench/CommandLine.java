package dev.hourglass.bench;

import java.nio.file.Path;

/** {@code NAME [--quick] [--out DIR]}, {@code --list} or {@code --help}, parsed. */
record CommandLine(Action action, String benchmark, boolean quick, Path outDir) {

    enum Action { RUN, LIST, HELP }

    static final Path DEFAULT_OUT = Path.of("build-artifacts", "bench");

    static final String USAGE = """
            Usage: ./hourglass bench NAME [--quick] [--out DIR]
                   ./hourglass bench --list
              NAME       the benchmark to run (--list names them)
              --quick    fewer repetitions: seconds instead of minutes, for smoke checks
              --out DIR  where NAME.json and NAME.png go (default: build-artifacts/bench)""";

    static CommandLine parse(String... args) {
        String benchmark = null;
        boolean quick = false;
        Path outDir = DEFAULT_OUT;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--list" -> {
                    return new CommandLine(Action.LIST, null, false, outDir);
                }
                case "--help", "-h" -> {
                    return new CommandLine(Action.HELP, null, false, outDir);
                }
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                        throw new IllegalArgumentException("--out needs a directory, e.g. --out /tmp/bench");
                    }
                    outDir = Path.of(args[++i]);
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + arg + "'; the options are --quick, --out DIR, --list");
                    }
                    if (benchmark != null) {
                        throw new IllegalArgumentException("two benchmark names, '" + benchmark + "' and '" + arg
                                + "'; run one at a time");
                    }
                    benchmark = arg;
                }
            }
        }
        if (benchmark == null) {
            throw new IllegalArgumentException("no benchmark named; pass one of " + Benchmarks.names() + " or --list");
        }
        return new CommandLine(Action.RUN, benchmark, quick, outDir);
    }
}
