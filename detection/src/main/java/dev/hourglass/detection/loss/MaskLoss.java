package dev.hourglass.detection.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The mask head's loss (Mask R-CNN, Section 3): per-pixel binary cross-entropy of the mask of each foreground RoI's
 * own class only, the other classes' masks contributing nothing (which decouples mask and class prediction),
 * averaged over RoIs and pixels.
 */
public final class MaskLoss {

    private MaskLoss() {
    }

    /** {@code logits [F, C, M, M]}, {@code classes[f]} in 1..C, {@code targets [F, M, M]} of 0 and 1. */
    public static LossAndGradient of(INDArray logits, int[] classes, INDArray targets) {
        int rois = classes.length;
        if (logits.rank() != 4 || logits.size(0) != rois || targets.rank() != 3 || targets.size(0) != rois
                || targets.size(1) != logits.size(2) || targets.size(2) != logits.size(3)) {
            throw new IllegalArgumentException("mask logits must be [F, C, M, M] beside targets [F, M, M] and one "
                    + "class per RoI; got " + Arrays.toString(logits.shape()) + ", " + Arrays.toString(targets.shape())
                    + " and " + rois + " classes");
        }
        int channels = (int) logits.size(1);
        int pixels = (int) (logits.size(2) * logits.size(3));
        double[] t = Elementwise.values(targets);
        double[] expanded = new double[rois * channels * pixels];
        double[] weight = new double[expanded.length];
        for (int f = 0; f < rois; f++) {
            if (classes[f] < 1 || classes[f] > channels) {
                throw new IllegalArgumentException("RoI " + f + " has class " + classes[f] + "; mask classes are 1.."
                        + channels);
            }
            int base = (f * channels + classes[f] - 1) * pixels;
            for (int p = 0; p < pixels; p++) {
                expanded[base + p] = t[f * pixels + p];
                weight[base + p] = 1;
            }
        }
        return SigmoidCrossEntropy.of(logits, Elementwise.like(logits, expanded), Elementwise.like(logits, weight),
                Math.max(rois * pixels, 1));
    }
}
