package dev.hourglass.recipe;

import java.util.List;
import java.util.TreeSet;

/**
 * A derived recipe: everything the control plane shows and the trainer executes. Field names are the
 * REST contract's ({@code POST /api/v1/recipes/preview}).
 *
 * @param k                   GPUs, kn / perGpuBatch
 * @param nodes               8-GPU nodes the job occupies (whole nodes when k &gt; 8)
 * @param epochs              passes over the dataset (fractional for Mask R-CNN, whose length is in iterations)
 * @param itersPerEpoch       datasetSize / kn, the last partial minibatch dropped
 * @param baseLr              the small-batch reference rate the scaling starts from
 * @param peakLr              eta, the rate after warmup and before the first step
 * @param schedule            the step decays, in order
 * @param weightDecayExcludes parameter kinds that weight decay skips
 * @param overrides           the departures from the paper this plan was derived with
 */
public record RecipePlan(String model,
                         ModelFamily family,
                         int kn,
                         int perGpuBatch,
                         int k,
                         int nodes,
                         long datasetSize,
                         double epochs,
                         long itersPerEpoch,
                         long totalIterations,
                         double baseLr,
                         LearningRateScaling scaling,
                         double peakLr,
                         Warmup warmup,
                         List<LrStep> schedule,
                         double momentum,
                         boolean nesterov,
                         double weightDecay,
                         List<ParameterKind> weightDecayExcludes,
                         RecipeOverrides overrides,
                         List<String> warnings) {

    /** Big Basin servers: a job above this many GPUs takes whole nodes. */
    public static final int GPUS_PER_NODE = 8;

    public RecipePlan {
        schedule = List.copyOf(schedule);
        weightDecayExcludes = List.copyOf(weightDecayExcludes);
        warnings = List.copyOf(warnings);
    }

    /** The rate of iteration {@code iteration} (0-based): warmup, then the peak rate, then the steps. */
    public double learningRateAt(long iteration) {
        if (iteration < 0) {
            throw new IllegalArgumentException("iteration=" + iteration + " must be at least 0");
        }
        double scheduled = peakLr;
        for (LrStep step : schedule) {
            if (iteration >= step.iteration()) {
                scheduled = step.lr();
            }
        }
        if (iteration >= warmup.iterations()) {
            return scheduled;
        }
        return switch (warmup.kind()) {
            case NONE -> scheduled;
            case CONSTANT -> warmup.startLr();
            case GRADUAL -> SignificantDigits.round(
                    warmup.startLr() + (scheduled - warmup.startLr()) * iteration / warmup.iterations());
        };
    }

    /**
     * The rate over the whole run as the corners of a polyline: a straight line between two consecutive points
     * is {@link #learningRateAt} at every iteration between them (warmup is linear, the rest piecewise constant),
     * so a chart of a million-iteration run needs only the iterations where the rate turns or jumps.
     */
    public List<LrPoint> learningRateCurve() {
        long last = totalIterations - 1;
        TreeSet<Long> corners = new TreeSet<>(List.of(0L, last));
        if (warmup.iterations() > 0) {
            corners.add(warmup.iterations() - 1);
            corners.add(warmup.iterations());
        }
        for (LrStep step : schedule) {
            corners.add(step.iteration() - 1);
            corners.add(step.iteration());
        }
        return corners.subSet(0L, true, last, true).stream()
                .map(iteration -> new LrPoint(iteration, learningRateAt(iteration)))
                .toList();
    }

    /**
     * eta_t / eta_(t-1), the factor that scales the momentum buffer before iteration {@code iteration}'s
     * update (Remark 2: v = m * (eta_new / eta_old) * v + eta_new * g). 1 where the rate did not change.
     */
    public double momentumCorrectionAt(long iteration) {
        if (iteration == 0) {
            return 1.0;
        }
        double previous = learningRateAt(iteration - 1);
        double current = learningRateAt(iteration);
        return previous == current ? 1.0 : current / previous;
    }

    /** The L2 coefficient for a parameter of this kind: 1e-4, or 0 where the recipe excludes the kind. */
    public double weightDecayFor(ParameterKind kind) {
        return weightDecayExcludes.contains(kind) ? 0.0 : weightDecay;
    }

    /** The epoch (0-based, fractional) that iteration {@code iteration} falls in. */
    public double epochOf(long iteration) {
        return (double) iteration / itersPerEpoch;
    }
}
