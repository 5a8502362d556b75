package dev.hourglass.detection.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The box head's losses (Fast R-CNN, Eq. 1): softmax cross-entropy over the {@code C + 1} classes (0 background) of
 * every sampled RoI, and smooth L1 (beta 1) of the class-specific deltas ({@code [S, 4C]}, columns
 * {@code 4(c - 1) .. 4(c - 1) + 3} for class c) of the foreground RoIs towards their object, both divided by the
 * number of sampled RoIs.
 */
public record BoxHeadLoss(double classification, double boxRegression, INDArray classGradient,
        INDArray deltaGradient) {

    public double total() {
        return classification + boxRegression;
    }

    /** {@code classes[s]} in 0..C and {@code targetDeltas [S, 4]} as {@code SampledProposals} give them. */
    public static BoxHeadLoss of(INDArray classLogits, INDArray boxDeltas, int[] classes, INDArray targetDeltas) {
        int rois = classes.length;
        int foregroundClasses = (int) boxDeltas.size(1) / 4;
        if (boxDeltas.rank() != 2 || boxDeltas.size(0) != rois || classLogits.size(1) != foregroundClasses + 1) {
            throw new IllegalArgumentException("box deltas must be [S, 4C] beside class logits [S, C + 1]; got "
                    + Arrays.toString(boxDeltas.shape()) + " and " + Arrays.toString(classLogits.shape()));
        }
        LossAndGradient cls = SoftmaxCrossEntropyLoss.of(classLogits, classes);
        double[] target = new double[rois * foregroundClasses * 4];
        double[] weight = new double[target.length];
        double[] t = Elementwise.values(targetDeltas);
        for (int s = 0; s < rois; s++) {
            if (classes[s] == 0) {
                continue;
            }
            int column = 4 * (classes[s] - 1);
            for (int k = 0; k < 4; k++) {
                target[s * foregroundClasses * 4 + column + k] = t[4 * s + k];
                weight[s * foregroundClasses * 4 + column + k] = 1;
            }
        }
        LossAndGradient box = SmoothL1.of(boxDeltas, Elementwise.like(boxDeltas, target),
                Elementwise.like(boxDeltas, weight), SmoothL1.BOX_HEAD_BETA, Math.max(rois, 1));
        return new BoxHeadLoss(cls.value(), box.value(), cls.gradient(), box.gradient());
    }
}
