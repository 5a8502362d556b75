package dev.hourglass.detection.inference;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One image's region proposals, best first: {@code boxes [P, 4]} and their objectness logits. */
public record Proposals(INDArray boxes, double[] objectness) {

    public Proposals {
        objectness = objectness.clone();
    }

    @Override
    public double[] objectness() {
        return objectness.clone();
    }

    public int size() {
        return objectness.length;
    }
}
