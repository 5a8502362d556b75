package dev.hourglass.recipe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The model names scripts rely on (docs/architecture.md "Names that scripts rely on"), with the dataset each is usually trained on. */
public final class ModelCatalog {

    /** ImageNet-1k training set, the paper's dataset. */
    public static final long IMAGENET_TRAIN_IMAGES = 1_281_167L;
    /** CIFAR-10 training set. */
    public static final long CIFAR10_TRAIN_IMAGES = 50_000L;
    /** COCO train2017. */
    public static final long COCO_TRAIN_IMAGES = 118_287L;

    private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();

    static {
        add(new ModelSpec("resnet50", ModelFamily.RESNET, IMAGENET_TRAIN_IMAGES, "ImageNet-1k"));
        add(new ModelSpec("resnet101", ModelFamily.RESNET, IMAGENET_TRAIN_IMAGES, "ImageNet-1k"));
        add(new ModelSpec("resnet20", ModelFamily.RESNET, CIFAR10_TRAIN_IMAGES, "CIFAR-10"));
        add(new ModelSpec("resnet8", ModelFamily.RESNET, BuiltInDataset.GENERATED.trainImages(), BuiltInDataset.GENERATED.id()));
        add(new ModelSpec("mask-rcnn-r50-fpn", ModelFamily.MASK_RCNN, COCO_TRAIN_IMAGES, "COCO train2017",
                "resnet50"));
        add(new ModelSpec("mask-rcnn-small", ModelFamily.MASK_RCNN, BuiltInDataset.GENERATED_COCO.trainImages(),
                BuiltInDataset.GENERATED_COCO.id()));
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
