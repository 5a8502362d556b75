package dev.hourglass.bench;

import dev.hourglass.bench.allreduce.AllreduceBenchmark;
import dev.hourglass.bench.controlplane.IngestBenchmark;
import dev.hourglass.bench.controlplane.SubmissionsBenchmark;
import dev.hourglass.bench.maskrcnn.MaskRcnnScalingBenchmark;
import dev.hourglass.bench.scaling.ScalingBenchmark;
import dev.hourglass.bench.scheduler.SchedulerBenchmark;
import dev.hourglass.bench.step.StepBenchmark;
import java.util.List;
import java.util.Optional;

/** Every benchmark {@code ./hourglass bench} knows, in the order {@code --list} shows them. */
public final class Benchmarks {

    private static final List<Benchmark> ALL = List.of(
            new SchedulerBenchmark(),
            new SubmissionsBenchmark(),
            new IngestBenchmark(),
            new AllreduceBenchmark(),
            new StepBenchmark(),
            new ScalingBenchmark(),
            new MaskRcnnScalingBenchmark());

    private Benchmarks() {
    }

    public static List<Benchmark> all() {
        return ALL;
    }

    public static Optional<Benchmark> named(String name) {
        return ALL.stream().filter(benchmark -> benchmark.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Benchmark::name).toList();
    }
}
