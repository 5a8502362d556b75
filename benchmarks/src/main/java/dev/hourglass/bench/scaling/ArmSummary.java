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

    /** The results grouped by setting, in the study's order. */
    static List<ArmSummary> of(ScalingStudy study, List<RunResult> results) {
        Map<Arm, List<RunResult>> byArm = new LinkedHashMap<>();
        study.arms().forEach(arm -> byArm.put(arm, new ArrayList<>()));
        results.forEach(result -> byArm.get(result.arm()).add(result));
        return byArm.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                .map(entry -> new ArmSummary(entry.getKey(), entry.getValue())).toList();
    }

    double mean() {
        return runs.stream().mapToDouble(RunResult::finalValidationError).average().orElseThrow();
    }

    /** The sample standard deviation over seeds; 0 for a single run. */
    double spread() {
        if (runs.size() < 2) {
            return 0;
        }
        double mean = mean();
        double squares = runs.stream().mapToDouble(run -> Math.pow(run.finalValidationError() - mean, 2)).sum();
        return Math.sqrt(squares / (runs.size() - 1));
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
