package dev.hourglass.detection.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A loss value and its gradient with respect to the head output it was computed from (same shape). */
public record LossAndGradient(double value, INDArray gradient) {
}
