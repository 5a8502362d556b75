package dev.hourglass.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code NAME [--quick] [--out DIR] [--OPTION VALUE...]}, {@code --list} or {@code --help}, parsed; the options
 * beyond --quick and --out are the named benchmark's own (it says which it takes).
 */
record CommandLine(Action action, String benchmark, boolean quick, Path outDir, Map<String, String> options) {

    enum Action { RUN, LIST, HELP, TABLES }


    static final String USAGE = """
            Usage: ./hourglass bench NAME [--quick] [--out DIR] [OPTIONS]
                   ./hourglass bench --list
                   ./hourglass bench --tables [--out DOCS]   rewrite the docs' benchmark tables from their JSON
                                                            (default DOCS: docs)
              NAME       the benchmark to run (--list names them)
              --quick    fewer repetitions: seconds instead of minutes, for smoke checks
              --out DIR  where NAME.json and NAME.png go (default: build-artifacts/bench)
            scaling's own options:
              --seeds N       seeds of the baseline and 8x (default 3; --quick 1)
              --epochs N      epochs of every run (default 12; --quick 6)
              --baseline-lr X the small-batch baseline's eta, which the rules scale (default 0.1 at kn=16)
              --sweep LIST    multiples of the baseline's kn above 8x for Figure 1 (default 16,32,64)
              --resume FILE   the runs.json of an earlier run of the study: its runs are taken as they are
              --ablations LIST  only these rows of Table 2c: no-scaling, sqrt, no-warmup, constant-warmup
                              (default all; --quick none)
              --ablations-at M  run them at M times the baseline's kn (default: the largest multiple that held)
              --ablation-seeds N  seeds of each ablation (default 1)
              --dataset DIR   an ImageNet-layout folder (DIR/train/CLASS/*.png, DIR/val/...) on this machine,
                              instead of the generated set
            mask-rcnn's own options:
              --epochs N      epochs of generated-coco for every kn (default 4; --quick 1)
              --base-lr X     eta at kn=16, which the linear rule scales (default the paper's 0.02)""";

    /** Options some benchmark takes, each with a value: what the benchmarks themselves declare. */
    static Set<String> benchmarkOptions() {
        return Benchmarks.all().stream().flatMap(benchmark -> benchmark.options().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    static CommandLine parse(String... args) {
        String benchmark = null;
        boolean quick = false;
        Path outDir = BenchmarkRun.DEFAULT_OUT;
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--list" -> {
                    return new CommandLine(Action.LIST, null, false, outDir, Map.of());
                }
                case "--tables" -> {
                    boolean named = i + 2 < args.length && args[i + 1].equals("--out");
                    Path docs = named ? Path.of(args[i + 2]) : Path.of(System.getProperty("hourglass.docs", "docs"));
                    return new CommandLine(Action.TABLES, null, false, docs, Map.of());
                }
                case "--help", "-h" -> {
                    return new CommandLine(Action.HELP, null, false, outDir, Map.of());
                }
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                        throw new IllegalArgumentException("--out needs a directory, e.g. --out /tmp/bench");
                    }
                    outDir = Path.of(args[++i]);
                }
                default -> {
                    if (arg.startsWith("--") && benchmarkOptions().contains(arg.substring(2))) {
                        if (i + 1 == args.length || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException(arg + " needs a value");
                        }
                        options.put(arg.substring(2), args[++i]);
                    } else if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + arg + "'; the options are --quick, --out DIR, --list and"
                                + " the benchmarks' own: " + benchmarkOptions().stream().sorted().map(o -> "--" + o).toList());
                    } else if (benchmark != null) {
                        throw new IllegalArgumentException("two benchmark names, '" + benchmark + "' and '" + arg
                                + "'; run one at a time");
                    } else {
                        benchmark = arg;
                    }
                }
            }
        }
        if (benchmark == null) {
            throw new IllegalArgumentException("no benchmark named; pass one of " + Benchmarks.names() + " or --list");
        }
        return new CommandLine(Action.RUN, benchmark, quick, outDir, Map.copyOf(options));
    }
}
