package dev.hourglass.detection.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Weighted smooth L1 (Fast R-CNN, Eq. 3, generalised by a transition point {@code beta}): {@code 0.5 d^2 / beta}
 * where {@code |d| < beta}, {@code |d| - 0.5 beta} beyond, summed and divided by {@code normaliser}. {@code beta = 0}
 * is plain L1. Faster R-CNN's RPN used beta 1/9, its box head 1.
 */
public final class SmoothL1 {

    public static final double RPN_BETA = 1.0 / 9;
    public static final double BOX_HEAD_BETA = 1.0;

    private SmoothL1() {
    }

    public static LossAndGradient of(INDArray predicted, INDArray targets, INDArray weights, double beta,
            double normaliser) {
        Elementwise.requireSameShape(predicted, targets, "targets");
        Elementwise.requireSameShape(predicted, weights, "weights");
        if (!(beta >= 0) || !(normaliser > 0)) {
            throw new IllegalArgumentException("smooth L1 needs beta >= 0 and a normaliser > 0; got " + beta + " and "
                    + normaliser);
        }
        double[] p = Elementwise.values(predicted);
        double[] t = Elementwise.values(targets);
        double[] w = Elementwise.values(weights);
        double[] gradient = new double[p.length];
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            if (w[i] == 0) {
                continue;
            }
            double d = p[i] - t[i];
            double abs = Math.abs(d);
            if (abs < beta) {
                sum += w[i] * 0.5 * d * d / beta;
                gradient[i] = w[i] * d / beta / normaliser;
            } else {
                sum += w[i] * (abs - 0.5 * beta);
                gradient[i] = w[i] * Math.signum(d) / normaliser;
            }
        }
        return new LossAndGradient(sum / normaliser, Elementwise.like(predicted, gradient));
    }
}
