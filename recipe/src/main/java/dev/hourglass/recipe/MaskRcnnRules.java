package dev.hourglass.recipe;

import java.util.List;

/**
 * Mask R-CNN on COCO (Section 5.5): eta = 0.02 * kn / 16, 2 images per GPU, iterations scaling as 1/kn
 * (1.28M at kn=2, 160k at kn=16), divided by 10 at 3/4 of them, linear warmup over 500 iterations
 * from eta/3. On another dataset the schedule keeps its length in epochs (21.6 passes over the images), and a run
 * too short for 500 warmup iterations warms up over its first tenth.
 */
final class MaskRcnnRules implements FamilyRules {

    static final double REFERENCE_LR = 0.02;
    static final int REFERENCE_BATCH = 16;
    static final int PER_GPU_BATCH = 2;
    /** Iterations times kn stays constant: 1.28M x 2 = 160k x 16. */
    static final long ITERATIONS_TIMES_KN = 2_560_000L;
    static final double STEP_AT_FRACTION = 0.75;
    static final long WARMUP_ITERATIONS = 500;
    static final double WARMUP_START_FACTOR = 1.0 / 3.0;
    /** A run shorter than 5,000 iterations warms up over this share of them instead of 500. */
    static final double SHORT_RUN_WARMUP_FRACTION = 0.1;
    /** The largest minibatch the paper trained Mask R-CNN with (Table 5). */
    static final int LARGEST_KN_MEASURED = 16;

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
        long total = epochsOverride == null
                ? Math.max(1, Math.round((double) ITERATIONS_TIMES_KN / kn * datasetSize
                        / ModelCatalog.COCO_TRAIN_IMAGES))
                : epochsOverride * itersPerEpoch;
        long step = Math.round(STEP_AT_FRACTION * total);
        return new TrainingLength((double) total / itersPerEpoch, total, List.of(step));
    }

    @Override
    public long defaultWarmupIterations(long itersPerEpoch, double epochs, long totalIterations) {
        return Math.min(WARMUP_ITERATIONS, Math.round(totalIterations * SHORT_RUN_WARMUP_FRACTION));
    }

    @Override
    public double warmupStartLr(double baseLr, double peakLr) {
        return peakLr * WARMUP_START_FACTOR;
    }

    @Override
    public List<String> warnings(int kn, long datasetSize) {
        if (kn > LARGEST_KN_MEASURED) {
            return List.of("kn=" + kn + " is above 16, the largest minibatch at which the paper measured"
                    + " Mask R-CNN keeping its box and mask AP (Table 5)");
        }
        return List.of();
    }
}
