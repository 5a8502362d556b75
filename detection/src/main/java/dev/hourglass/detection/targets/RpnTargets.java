package dev.hourglass.detection.targets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the RPN is trained towards on one image: per anchor an objectness label ({@link Match#POSITIVE},
 * {@link Match#NEGATIVE}, or {@link Match#IGNORED} where the anchor is not in the loss), and {@code [A, 4]} box
 * deltas, set on the positive anchors only (zero elsewhere).
 */
public record RpnTargets(int[] objectness, INDArray deltas) {

    public RpnTargets {
        objectness = objectness.clone();
    }

    @Override
    public int[] objectness() {
        return objectness.clone();
    }
}
