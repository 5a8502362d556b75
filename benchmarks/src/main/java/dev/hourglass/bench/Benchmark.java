package dev.hourglass.bench;

/** One named measurement that {@code ./hourglass bench NAME} can run; add new ones to {@link Benchmarks}. */
public interface Benchmark {

    /** The name on the command line and of the files written: NAME.json, NAME.png. */
    String name();

    /** One line for {@code --list}. */
    String description();

    /** Runs the measurement; {@code quick} trades precision for a run of seconds (tests, smoke checks). */
    BenchmarkReport run(boolean quick);
}
