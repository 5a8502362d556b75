package dev.hourglass.recipe;

/**
 * A model Hourglass can train.
 *
 * @param defaultDatasetSize training images of the dataset the model is usually trained on, used when a
 *                           request names no dataset size
 */
public record ModelSpec(String name, ModelFamily family, long defaultDatasetSize, String defaultDataset) {
}
