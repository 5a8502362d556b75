package dev.hourglass.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code java -jar hourglass-benchmarks.jar NAME [--quick] [--out DIR]} or {@code --list}. */
public final class BenchmarkMain {

    static final int USAGE_ERROR = 2;

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        // Charts are drawn off screen; no display is needed, or wanted on a build server.
        System.setProperty("java.awt.headless", "true");
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine command;
        try {
            command = CommandLine.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("bench: " + e.getMessage());
            err.println(CommandLine.USAGE);
            return USAGE_ERROR;
        }
        switch (command.action()) {
            case HELP -> {
                out.println(CommandLine.USAGE);
                return 0;
            }
            case TABLES -> {
                try {
                    List<Path> changed = DocsTables.rewrite(command.outDir());
                    out.println(changed.isEmpty() ? "the tables of " + command.outDir() + " are their JSON's already"
                            : "rewrote the tables of " + changed);
                    return 0;
                } catch (IOException | IllegalArgumentException e) {
                    err.println("bench: " + e.getMessage());
                    return 1;
                }
            }
            case LIST -> {
                Benchmarks.all().forEach(benchmark ->
                        out.printf("%-12s %s%n", benchmark.name(), benchmark.description()));
                return 0;
            }
            default -> {
                return runBenchmark(command, out, err);
            }
        }
    }

    private static int runBenchmark(CommandLine command, PrintStream out, PrintStream err) {
        Benchmark benchmark = Benchmarks.named(command.benchmark()).orElse(null);
        if (benchmark == null) {
            err.println("bench: unknown benchmark '" + command.benchmark() + "'; known: " + String.join(", ", Benchmarks.names()));
            return USAGE_ERROR;
        }
        for (String option : command.options().keySet()) {
            if (!benchmark.options().contains(option)) {
                err.println("bench: " + benchmark.name() + " takes no --" + option
                        + (benchmark.options().isEmpty() ? "" : "; its options: " + benchmark.options().stream().sorted()
                        .map(o -> "--" + o).toList()));
                return USAGE_ERROR;
            }
        }
        out.println(benchmark.name() + ": " + benchmark.description() + (command.quick() ? " (quick)" : ""));
        out.println();
        BenchmarkReport report;
        try {
            report = benchmark.run(new BenchmarkRun(command.quick(), command.outDir(), command.options()));
        } catch (IllegalArgumentException badOption) {
            err.println("bench: " + badOption.getMessage());
            return USAGE_ERROR;
        }
        out.print(ReportTable.render(report));
        try {
            List<Path> files = ReportFiles.write(benchmark.name(), report, command.outDir());
            out.println();
            files.forEach(file -> out.println("wrote " + file));
            return 0;
        } catch (IOException e) {
            err.println("bench: could not write the report to " + command.outDir().toAbsolutePath() + ": " + e.getMessage()
                    + "; pass a writable directory with --out DIR");
            return 1;
        }
    }
}
