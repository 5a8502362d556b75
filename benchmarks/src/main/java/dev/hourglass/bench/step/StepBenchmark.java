package dev.hourglass.bench.step;

import dev.hourglass.bench.Benchmark;
import dev.hourglass.bench.BenchmarkReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A training step of the trainer on one rank, split into data, compute, reduce and update, against DL4J's own
 * {@code fit} of the same network at the same total batch on one device (goal: under 10% overhead), and the same
 * batch split over 8 replica threads of one node. Each configuration runs in a JVM of its own with the trainer
 * agent's classes.
 */
public final class StepBenchmark implements Benchmark {

    /** One measured setting: the trainer with {@code replicas} replicas, and DL4J's fit of the whole batch. */
    record Setting(String model, int imageSize, int batch, int replicas, int steps, int warmUp) {
    }

    static final List<Setting> FULL = List.of(
            new Setting("resnet8", 32, 32, 1, 30, 5),
            new Setting("resnet20", 32, 32, 1, 20, 5),
            new Setting("resnet20", 32, 64, 8, 20, 5),
            new Setting("resnet50", 224, 8, 1, 8, 2));
    static final List<Setting> QUICK = List.of(
            new Setting("resnet8", 32, 32, 1, 10, 3),
            new Setting("resnet8", 32, 64, 8, 10, 3));

    private final PrintStream progress;

    public StepBenchmark() {
        this(System.err);
    }

    StepBenchmark(PrintStream progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "step";
    }

    @Override
    public String description() {
        return "a training step split into data, compute, reduce and update, against DL4J's own fit (ResNet-8/20/50)";
    }

    @Override
    public BenchmarkReport run(boolean quick) {
        List<StepMeasurement> measurements = new ArrayList<>();
        for (Setting setting : quick ? QUICK : FULL) {
            progress.printf("%s at %dx%d, batch %d on %d replica(s): %d steps after %d warm-up%n", setting.model(),
                    setting.imageSize(), setting.imageSize(), setting.batch(), setting.replicas(), setting.steps(),
                    setting.warmUp());
            measurements.addAll(StepProcess.run(setting));
        }
        return StepReport.of(measurements);
    }
}
