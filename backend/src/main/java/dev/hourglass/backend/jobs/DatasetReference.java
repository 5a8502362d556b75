package dev.hourglass.backend.jobs;

import dev.hourglass.backend.system.ApiException;
import dev.hourglass.recipe.BuiltInDataset;
import dev.hourglass.recipe.ModelFamily;
import dev.hourglass.recipe.ModelSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Where a job's images come from: a built-in generated set, or an absolute path present on every node. */
record DatasetReference(String value, Long knownSize) {

    static final String GENERATED = BuiltInDataset.GENERATED.id();
    static final String GENERATED_16K = BuiltInDataset.GENERATED_16K.id();
    static final String GENERATED_COCO = BuiltInDataset.GENERATED_COCO.id();
    static final int MAX_LENGTH = 1024;

    /** The built-in sets and their training images: a preview of a job on one of them plans with that size. */
    static Map<String, Long> builtInSizes() {
        return Arrays.stream(BuiltInDataset.values())
                .collect(Collectors.toMap(BuiltInDataset::id, BuiltInDataset::trainImages));
    }


    /**
     * @param model the job's model, already known to exist
     * @param roots the folders a dataset path must lie under; empty for any absolute path
     */
    static DatasetReference parse(String dataset, ModelSpec model, List<Path> roots) {
        if (dataset == null || dataset.isBlank()) {
            throw ApiException.invalid("dataset", "dataset is required: '" + GENERATED + "', '" + GENERATED_16K
                    + "', '" + GENERATED_COCO + "', or an absolute path to an ImageNet-layout (ResNet) or COCO-format"
                    + " (Mask R-CNN) folder");
        }
        boolean resnet = model == null || model.family() == ModelFamily.RESNET;
        Optional<BuiltInDataset> builtIn = BuiltInDataset.named(dataset);
        if (builtIn.isPresent()) {
            boolean imageSet = builtIn.get().family() == ModelFamily.RESNET;
            if (model != null && imageSet != resnet) {
                String right = resnet ? "'" + GENERATED + "' or '" + GENERATED_16K + "'" : "'" + GENERATED_COCO + "'";
                throw ApiException.invalid("dataset", "dataset '" + dataset + "' does not fit model " + model.name()
                        + ": use " + right);
            }
            return new DatasetReference(dataset, builtIn.get().trainImages());
        }
        if (dataset.length() > MAX_LENGTH || !dataset.startsWith("/") || dataset.contains("/../")
                || dataset.endsWith("/..") || dataset.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("dataset", "dataset '" + abbreviate(dataset) + "' must be '" + GENERATED
                    + "', '" + GENERATED_16K + "', '" + GENERATED_COCO + "', or an absolute path (at most "
                    + MAX_LENGTH + " characters, no '..')");
        }
        Path path = Path.of(dataset).normalize();
        if (!roots.isEmpty() && roots.stream().noneMatch(root -> path.startsWith(root.normalize()))) {
            throw ApiException.invalid("dataset", "dataset '" + abbreviate(dataset) + "' is not under a dataset"
                    + " folder of this cluster: " + roots.stream().map(Path::toString).collect(Collectors.joining(", "))
                    + " (or use a built-in set)");
        }
        return new DatasetReference(dataset, null);
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
