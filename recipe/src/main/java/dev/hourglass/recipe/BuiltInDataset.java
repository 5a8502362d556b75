package dev.hourglass.recipe;

import java.util.Arrays;
import java.util.Optional;

/**
 * The datasets every agent can make for itself: drawn by a generator on first use, the same on every node, so
 * a job can name one instead of a folder.
 */
public enum BuiltInDataset {
    /** 8 classes of procedurally drawn images, 4,096 for training. */
    GENERATED("generated", 4_096L, ModelFamily.RESNET),
    /** 16 classes, 16,384 for training: large enough for the paper's regime (kn/N down to 1/128 at kn = 128). */
    GENERATED_16K("generated-16k", 16_384L, ModelFamily.RESNET),
    /** Shapes with boxes and masks in COCO's format, 512 for training. */
    GENERATED_COCO("generated-coco", 512L, ModelFamily.MASK_RCNN);

    private final String id;
    private final long trainImages;
    private final ModelFamily family;

    BuiltInDataset(String id, long trainImages, ModelFamily family) {
        this.id = id;
        this.trainImages = trainImages;
        this.family = family;
    }

    /** The name jobs give as their dataset. */
    public String id() {
        return id;
    }

    public long trainImages() {
        return trainImages;
    }

    /** The models it is made for: classification images or detection instances. */
    public ModelFamily family() {
        return family;
    }

    public static Optional<BuiltInDataset> named(String id) {
        return Arrays.stream(values()).filter(dataset -> dataset.id.equals(id)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
