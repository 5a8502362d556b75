package dev.hourglass.detection.model;

import dev.hourglass.detection.BinaryMask;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One training image's objects: {@code boxes [G, 4]}, their classes in 1..C and their masks, in the same order. */
public record ImageTargets(INDArray boxes, int[] classes, List<BinaryMask> masks) {

    public ImageTargets {
        if (boxes.size(0) != classes.length || classes.length != masks.size()) {
            throw new IllegalArgumentException(boxes.size(0) + " boxes, " + classes.length + " classes and "
                    + masks.size() + " masks: one of each per object");
        }
        classes = classes.clone();
        masks = List.copyOf(masks);
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }
}
