package dev.hourglass.recipe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The model names scripts rely on (DESIGN.md), with the dataset each is usually trained on. */
public final class ModelCatalog {

    /** ImageNet-1k training set, the paper's dataset. */
    public static final long IMAGENET_TRAIN_IMAGES = 1_281_167L;
    /** CIFAR-10 training set. */
    public static final long CIFAR10_TRAIN_IMAGES = 50_000L;
    /** COCO train2017. */
    public static final long COCO_TRAIN_IMAGES = 118_287L;
    /** The built-in generated image set (`generated`). */
    public static final long GENERATED_TRAIN_IMAGES = 4_096L;
    /** The built-in generated image set for the paper's regime (`generated-16k`): 16 classes, 16,384 images. */
    public static final long GENERATED_16K_TRAIN_IMAGES = 16_384L;
    /** The built-in generated instance-segmentation set (`generated-coco`). */
    public static final long GENERATED_COCO_TRAIN_IMAGES = 512L;

    private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();

    static {
        add(new ModelSpec("resnet50", ModelFamily.RESNET, IMAGENET_TRAIN_IMAGES, "ImageNet-1k"));
        add(new ModelSpec("resnet101", ModelFamily.RESNET, IMAGENET_TRAIN_IMAGES, "ImageNet-1k"));
        add(new ModelSpec("resnet20", ModelFamily.RESNET, CIFAR10_TRAIN_IMAGES, "CIFAR-10"));
        add(new ModelSpec("resnet8", ModelFamily.RESNET, GENERATED_TRAIN_IMAGES, "generated"));
        add(new ModelSpec("mask-rcnn-r50-fpn", ModelFamily.MASK_RCNN, COCO_TRAIN_IMAGES, "COCO train2017",
                "resnet50"));
        add(new ModelSpec("mask-rcnn-small", ModelFamily.MASK_RCNN, GENERATED_COCO_TRAIN_IMAGES, "generated-coco"));
    }

    private ModelCatalog() {
    }

    private static void add(ModelSpec spec) {
        MODELS.put(spec.name(), spec);
    }

    public static Optional<ModelSpec> find(String name) {
        return Optional.ofNullable(name == null ? null : MODELS.get(name));
    }

    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }
}
