package dev.hourglass.trainer.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The ResNet models jobs name (docs/architecture.md, "Names that scripts rely on"), by their catalog names. */
public final class Networks {

    private static final Map<String, ResNetArchitecture> RESNETS = new TreeMap<>(Map.of(
            "resnet8", ResNetArchitecture.cifar("resnet8", 1),
            "resnet20", ResNetArchitecture.cifar("resnet20", 3),
            "resnet50", ResNetArchitecture.imagenet("resnet50", List.of(3, 4, 6, 3)),
            "resnet101", ResNetArchitecture.imagenet("resnet101", List.of(3, 4, 23, 3))));

    private Networks() {
    }

    public static ResNetArchitecture resnet(String model) {
        ResNetArchitecture architecture = RESNETS.get(model);
        if (architecture == null) {
            throw new IllegalArgumentException("model '" + model + "' is not a ResNet this trainer builds; known: "
                    + String.join(", ", RESNETS.keySet()));
        }
        return architecture;
    }
}
