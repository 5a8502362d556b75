package dev.hourglass.detection.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weighted binary cross-entropy on logits, {@code sum(w * (log(1 + e^x) - t x)) / normaliser}, written in the form
 * {@code max(x, 0) - t x + log(1 + e^-|x|)} that neither overflows nor loses precision for large |x|. Weight 0
 * keeps an element out of the loss (ignored anchors, other classes' mask channels).
 */
public final class SigmoidCrossEntropy {

    private SigmoidCrossEntropy() {
    }

    public static LossAndGradient of(INDArray logits, INDArray targets, INDArray weights, double normaliser) {
        Elementwise.requireSameShape(logits, targets, "targets");
        Elementwise.requireSameShape(logits, weights, "weights");
        if (!(normaliser > 0)) {
            throw new IllegalArgumentException("the normaliser must be > 0, got " + normaliser);
        }
        double[] x = Elementwise.values(logits);
        double[] t = Elementwise.values(targets);
        double[] w = Elementwise.values(weights);
        double[] gradient = new double[x.length];
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            sum += w[i] * (Math.max(x[i], 0) - t[i] * x[i] + Math.log1p(Math.exp(-Math.abs(x[i]))));
            gradient[i] = w[i] * (sigmoid(x[i]) - t[i]) / normaliser;
        }
        return new LossAndGradient(sum / normaliser, Elementwise.like(logits, gradient));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
