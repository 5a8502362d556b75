package dev.hourglass.recipe;

import static dev.hourglass.recipe.PaperRegime.LARGEST_KN_PER_IMAGE_THAT_HOLDS;
import static dev.hourglass.recipe.PaperRegime.SMALLEST_KN_PER_IMAGE_THAT_LOST;
import static dev.hourglass.recipe.PaperRegime.fraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ResNet on ImageNet (Section 5.1): eta = 0.1 * kn / 256, n = 32, 90 epochs divided by 10 at epochs 30,
 * 60 and 80, gradual warmup over 5 epochs from 0.1. A run of other length keeps the schedule's shape: its
 * steps fall at the same fractions of the run, and a run shorter than 90 epochs warms up for the same
 * fraction of it.
 */
final class ResNetRules implements FamilyRules {

    static final double REFERENCE_LR = 0.1;
    static final int REFERENCE_BATCH = 256;
    static final int PER_GPU_BATCH = 32;
    static final int EPOCHS = 90;
    static final int[] STEP_EPOCHS = {30, 60, 80};
    static final double WARMUP_EPOCHS = 5;
    /** Beyond this kn the paper's accuracy no longer holds (Figure 1). */
    static final int LARGEST_KN_THAT_HOLDS = 8192;

    @Override
    public double referenceLr() {
        return REFERENCE_LR;
    }

    @Override
    public int referenceBatch() {
        return REFERENCE_BATCH;
    }

    @Override
    public int defaultPerGpuBatch() {
        return PER_GPU_BATCH;
    }

    @Override
    public TrainingLength length(int kn, long datasetSize, long itersPerEpoch, Integer epochsOverride) {
        int epochs = epochsOverride == null ? EPOCHS : epochsOverride;
        double stretch = (double) epochs / EPOCHS;
        List<Long> steps = new ArrayList<>();
        for (int stepEpoch : STEP_EPOCHS) {
            steps.add(Math.round(stepEpoch * stretch * itersPerEpoch));
        }
        return new TrainingLength(epochs, epochs * itersPerEpoch, steps);
    }

    @Override
    public long defaultWarmupIterations(long itersPerEpoch, double epochs, long totalIterations) {
        double warmupEpochs = WARMUP_EPOCHS * Math.min(1.0, epochs / EPOCHS);
        return Math.round(warmupEpochs * itersPerEpoch);
    }

    @Override
    public double warmupStartLr(double baseLr, double peakLr) {
        return Math.min(baseLr, peakLr);
    }

    /**
     * One warning at most: kn/N beyond the paper's regime says what kn above 8k would on ImageNet, and kn above
     * 8k is still worth saying on a dataset large enough to keep kn/N within it.
     */
    @Override
    public List<String> warnings(int kn, long datasetSize) {
        double knPerImage = (double) kn / datasetSize;
        String regime = "kn/N = " + fraction(knPerImage) + " (kn=" + kn + " on " + count(datasetSize) + " images, "
                + count(datasetSize / kn) + " iterations per epoch)";
        if (knPerImage >= SMALLEST_KN_PER_IMAGE_THAT_LOST) {
            return List.of(regime + ": the paper kept accuracy up to kn/N = "
                    + fraction(LARGEST_KN_PER_IMAGE_THAT_HOLDS) + " (8k on ImageNet) and lost it from "
                    + fraction(SMALLEST_KN_PER_IMAGE_THAT_LOST) + " (about +1.2 points top-1 error at 16k, Figure 1);"
                    + " expect a gap to the small-minibatch error");
        }
        if (knPerImage > LARGEST_KN_PER_IMAGE_THAT_HOLDS) {
            return List.of(regime + " is beyond the largest at which the paper showed accuracy holding, kn/N = "
                    + fraction(LARGEST_KN_PER_IMAGE_THAT_HOLDS) + " (8k on ImageNet); it lost accuracy from "
                    + fraction(SMALLEST_KN_PER_IMAGE_THAT_LOST) + ", so compare against a small-minibatch baseline");
        }
        if (kn > LARGEST_KN_THAT_HOLDS) {
            return List.of("kn=" + kn + " is above 8k, the largest minibatch at which the paper's accuracy holds;"
                    + " at kn=16k it measured about +1.2 points top-1 error (Figure 1)");
        }
        return List.of();
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
