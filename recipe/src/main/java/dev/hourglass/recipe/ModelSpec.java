package dev.hourglass.recipe;

import java.util.Optional;

/**
 * A model Hourglass can train.
 *
 * @param defaultDatasetSize training images of the dataset the model is usually trained on, used when a
 *                           request names no dataset size
 * @param backboneModel      the classification model whose checkpoint can start this model's backbone (a
 *                           detector's ResNet), or null
 */
public record ModelSpec(String name, ModelFamily family, long defaultDatasetSize, String defaultDataset,
                        String backboneModel) {

    public ModelSpec(String name, ModelFamily family, long defaultDatasetSize, String defaultDataset) {
        this(name, family, defaultDatasetSize, defaultDataset, null);
    }

    public Optional<String> backbone() {
        return Optional.ofNullable(backboneModel);
    }
}
