package dev.hourglass.bench;

import java.util.Set;

/** One named measurement that {@code ./hourglass bench NAME} can run; add new ones to {@link Benchmarks}. */
public interface Benchmark {

    /** The name on the command line and of the files written: NAME.json, NAME.png. */
    String name();

    /** One line for {@code --list}. */
    String description();

    /** Runs the measurement; {@code quick} trades precision for a run of seconds (tests, smoke checks). */
    BenchmarkReport run(boolean quick);

    /** The command-line options of its own this benchmark takes (without the leading --). */
    default Set<String> options() {
        return Set.of();
    }

    /**
     * Runs the measurement with its own options (only those {@link #options()} names) and the report's directory,
     * for a benchmark that writes more than NAME.json and NAME.png there.
     */
    default BenchmarkReport run(BenchmarkRun run) {
        return run(run.quick());
    }
}
