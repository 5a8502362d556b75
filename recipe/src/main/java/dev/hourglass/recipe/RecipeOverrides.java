package dev.hourglass.recipe;

/**
 * Departures from the paper's recipe, each optional (null keeps the paper's value). A plan records the
 * overrides it was derived with.
 *
 * @param baseLr            the small-batch reference rate (ResNet: 0.1 per 256 images)
 * @param scaling           how the peak rate follows kn
 * @param warmup            warmup kind
 * @param warmupEpochs      warmup length in epochs (ResNet)
 * @param warmupIterations  warmup length in iterations (wins over warmupEpochs)
 * @param nesterov          Nesterov momentum instead of plain momentum
 * @param weightDecayOnBiases apply weight decay to biases too (the paper is silent; off by default)
 * @param referenceBatch    the minibatch baseLr is right for (ResNet: 256, Mask R-CNN: 16): the scaling rules
 *                          measure kn against it and gradual warmup starts from baseLr; a small-scale study
 *                          sets it to its own small-batch baseline
 */
public record RecipeOverrides(Double baseLr,
                              LearningRateScaling scaling,
                              WarmupKind warmup,
                              Double warmupEpochs,
                              Long warmupIterations,
                              Boolean nesterov,
                              Boolean weightDecayOnBiases,
                              Integer referenceBatch) {

    public static RecipeOverrides none() {
        return new RecipeOverrides(null, null, null, null, null, null, null, null);
    }

    public boolean changesNothing() {
        return equals(none());
    }
}
