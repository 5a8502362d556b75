package dev.hourglass.bench.scaling;

import dev.hourglass.bench.scaling.ScalingStudy.Arm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The runs of one setting together: the final validation error's mean and its spread over the seeds. */
record ArmSummary(Arm arm, List<RunResult> runs) {

    ArmSummary {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("setting " + arm.label() + " has no finished run");
        }
    }

    /** The results grouped by setting, in the order each setting first ran. */
    static List<ArmSummary> of(List<RunResult> results) {
        Map<Arm, List<RunResult>> byArm = new LinkedHashMap<>();
        results.forEach(result -> byArm.computeIfAbsent(result.arm(), arm -> new ArrayList<>()).add(result));
        return byArm.entrySet().stream().map(entry -> new ArmSummary(entry.getKey(), entry.getValue())).toList();
    }

    double mean() {
        return runs.stream().mapToDouble(RunResult::finalValidationError).average().orElseThrow();
    }

    /** The sample standard deviation over seeds; 0 for a single run. */
    double spread() {
        return sampleStd(runs.stream().mapToDouble(RunResult::finalValidationError).toArray());
    }

    private static double sampleStd(double[] values) {
        if (values.length < 2) {
            return 0;
        }
        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double squares = java.util.Arrays.stream(values).map(value -> (value - mean) * (value - mean)).sum();
        return Math.sqrt(squares / (values.length - 1));
    }

    double min() {
        return runs.stream().mapToDouble(RunResult::finalValidationError).min().orElseThrow();
    }

    double max() {
        return runs.stream().mapToDouble(RunResult::finalValidationError).max().orElseThrow();
    }

    /** The mean training error over the first {@code epochs} epochs, averaged over seeds. */
    double earlyTrainingError(double epochs) {
        return runs.stream().mapToDouble(run -> run.meanTrainingErrorBefore(epochs)).average().orElseThrow();
    }

    /** The sample standard deviation over seeds of that early training error; 0 for a single run. */
    double earlyTrainingErrorSpread(double epochs) {
        return sampleStd(runs.stream().mapToDouble(run -> run.meanTrainingErrorBefore(epochs)).toArray());
    }

    /** The median over seeds of the training images per second. */
    double imagesPerSecond() {
        double[] sorted = runs.stream().mapToDouble(RunResult::imagesPerSecond).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    /** The training-error curve averaged over seeds, {@code perEpoch} points per epoch. */
    List<Double> trainingErrorCurve(int perEpoch) {
        List<List<Double>> curves = runs.stream().map(run -> run.trainingErrorCurve(perEpoch)).toList();
        int length = curves.stream().mapToInt(List::size).min().orElseThrow();
        List<Double> mean = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int at = i;
            mean.add(curves.stream().mapToDouble(curve -> curve.get(at)).average().orElseThrow());
        }
        return mean;
    }

    RunResult first() {
        return runs.get(0);
    }
}
