package dev.hourglass.recipe;

/**
 * What a user asks for. Everything but model and kn is optional; null takes the model family's default.
 *
 * @param kn          the total minibatch, summed over all k GPUs
 * @param perGpuBatch n, the images (ResNet) or images (Mask R-CNN) each GPU processes per iteration
 * @param datasetSize training images per epoch
 */
public record RecipeRequest(String model,
                            Integer kn,
                            Integer perGpuBatch,
                            Integer epochs,
                            Long datasetSize,
                            RecipeOverrides overrides) {

    public static RecipeRequest of(String model, int kn) {
        return new RecipeRequest(model, kn, null, null, null, null);
    }

    public RecipeRequest withPerGpuBatch(Integer n) {
        return new RecipeRequest(model, kn, n, epochs, datasetSize, overrides);
    }

    public RecipeRequest withEpochs(Integer value) {
        return new RecipeRequest(model, kn, perGpuBatch, value, datasetSize, overrides);
    }

    public RecipeRequest withDatasetSize(Long value) {
        return new RecipeRequest(model, kn, perGpuBatch, epochs, value, overrides);
    }

    public RecipeRequest withOverrides(RecipeOverrides value) {
        return new RecipeRequest(model, kn, perGpuBatch, epochs, datasetSize, value);
    }
}
