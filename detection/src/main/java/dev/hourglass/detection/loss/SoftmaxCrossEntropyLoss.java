package dev.hourglass.detection.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Softmax cross-entropy of {@code [S, K]} logits against one class index per row, averaged over the rows. */
public final class SoftmaxCrossEntropyLoss {

    private SoftmaxCrossEntropyLoss() {
    }

    public static LossAndGradient of(INDArray logits, int[] labels) {
        if (logits.rank() != 2 || logits.size(0) != labels.length) {
            throw new IllegalArgumentException("logits must be [S, K] with one label per row; got "
                    + Arrays.toString(logits.shape()) + " and " + labels.length + " labels");
        }
        int rows = labels.length;
        int classes = (int) logits.size(1);
        double[] x = Elementwise.values(logits);
        double[] gradient = new double[x.length];
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("label " + labels[r] + " of row " + r + " is not in 0.." + (classes - 1));
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, x[r * classes + k]);
            }
            double total = 0;
            for (int k = 0; k < classes; k++) {
                total += Math.exp(x[r * classes + k] - max);
            }
            double logTotal = Math.log(total) + max;
            sum += logTotal - x[r * classes + labels[r]];
            for (int k = 0; k < classes; k++) {
                double softmax = Math.exp(x[r * classes + k] - logTotal);
                gradient[r * classes + k] = (softmax - (k == labels[r] ? 1 : 0)) / rows;
            }
        }
        return new LossAndGradient(rows == 0 ? 0 : sum / rows, Elementwise.like(logits, gradient));
    }
}
