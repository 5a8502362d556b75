package dev.hourglass.recipe;

import java.util.List;

/** The base rules that differ between the paper's two workloads. */
sealed interface FamilyRules permits ResNetRules, MaskRcnnRules {

    static FamilyRules of(ModelFamily family) {
        return switch (family) {
            case RESNET -> new ResNetRules();
            case MASK_RCNN -> new MaskRcnnRules();
        };
    }

    /** The rate that is right at {@link #referenceBatch()} images per iteration. */
    double referenceLr();

    int referenceBatch();

    int defaultPerGpuBatch();

    TrainingLength length(int kn, long datasetSize, long itersPerEpoch, Integer epochsOverride);

    long defaultWarmupIterations(long itersPerEpoch, double epochs, long totalIterations);

    double warmupStartLr(double baseLr, double peakLr);

    /** What the paper says about this kn on a dataset of {@code datasetSize} images, where it matters. */
    List<String> warnings(int kn, long datasetSize);
}
