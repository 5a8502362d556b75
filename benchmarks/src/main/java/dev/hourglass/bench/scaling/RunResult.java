package dev.hourglass.bench.scaling;

import dev.hourglass.bench.scaling.ScalingStudy.Arm;
import java.util.ArrayList;
import java.util.List;

/**
 * One finished run of a study, as its job's recipe and metrics show it.
 *
 * @param seed             the job's seed, shared by the arms of one round
 * @param validationErrors top-1 validation error after each epoch
 * @param trainingErrors   top-1 training error of each iteration's minibatch
 * @param imagesPerSecond  the median over iterations of kn / the iteration's time (data, compute, allreduce, update)
 * @param seconds          from the job's start to its end: start-up, training, validation and checkpoints
 */
record RunResult(Arm arm, int seed, long jobId, double peakLr, double warmupStartLr, double warmupEpochs, int k,
                 int nodes, long itersPerEpoch, List<Double> validationErrors, List<Point> trainingErrors,
                 double imagesPerSecond, double seconds) {

    record Point(long iteration, double value) {
    }

    RunResult {
        validationErrors = List.copyOf(validationErrors);
        trainingErrors = List.copyOf(trainingErrors);
        if (validationErrors.isEmpty()) {
            throw new IllegalStateException("job " + jobId + " reported no validation error");
        }
    }

    double finalValidationError() {
        return validationErrors.get(validationErrors.size() - 1);
    }

    /**
     * The training error averaged over windows of {@code 1/perEpoch} epoch: the curve of the paper's Figure 2, on the
     * same epoch axis whatever the minibatch. Element i covers epochs [i/perEpoch, (i+1)/perEpoch).
     */
    List<Double> trainingErrorCurve(int perEpoch) {
        int windows = (int) Math.ceil((double) trainingErrors.size() / itersPerEpoch * perEpoch);
        double[] sums = new double[windows];
        int[] counts = new int[windows];
        for (Point point : trainingErrors) {
            int window = (int) Math.min(windows - 1, point.iteration() * perEpoch / itersPerEpoch);
            sums[window] += point.value();
            counts[window]++;
        }
        List<Double> curve = new ArrayList<>(windows);
        for (int i = 0; i < windows; i++) {
            curve.add(counts[i] == 0 ? Double.NaN : sums[i] / counts[i]);
        }
        return curve;
    }

    /** Epochs trained: as many as validations. */
    int epochs() {
        return validationErrors.size();
    }

    /** The mean training error over the first {@code epochs} epochs. */
    double meanTrainingErrorBefore(double epochs) {
        return trainingErrors.stream().filter(point -> point.iteration() < epochs * itersPerEpoch)
                .mapToDouble(Point::value).average().orElse(Double.NaN);
    }
}
