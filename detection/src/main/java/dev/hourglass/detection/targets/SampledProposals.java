package dev.hourglass.detection.targets;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The proposals of one image chosen for the box and mask heads, foreground first: {@code boxes [S, 4]}, their
 * class ({@code 1..C}, 0 for background), the object each foreground proposal matched ({@code -1} for background)
 * and {@code deltas [S, 4]} towards it (zero for background).
 */
public record SampledProposals(INDArray boxes, int[] classes, int[] object, INDArray deltas) {

    public SampledProposals {
        classes = classes.clone();
        object = object.clone();
    }

    public int size() {
        return classes.length;
    }

    public int foregroundCount() {
        int n = 0;
        for (int c : classes) {
            if (c > 0) {
                n++;
            }
        }
        return n;
    }

    @Override
    public int[] classes() {
        return classes.clone();
    }

    @Override
    public int[] object() {
        return object.clone();
    }
}
