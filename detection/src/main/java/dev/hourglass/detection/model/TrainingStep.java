package dev.hourglass.detection.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One minibatch's losses ({@code rpn.objectness}, {@code rpn.box}, {@code box.class}, {@code box.regression},
 * {@code mask}; their sum is the loss minimised) and the gradient of that sum for every parameter, by name.
 */
public record TrainingStep(Map<String, Double> losses, Map<String, INDArray> gradients) {

    public double total() {
        return losses.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
