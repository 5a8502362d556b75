package dev.hourglass.detection.loss;

import dev.hourglass.detection.targets.Match;
import dev.hourglass.detection.targets.RpnTargets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The RPN's two losses over all pyramid levels (Faster R-CNN, Eq. 1): binary cross-entropy of objectness on the
 * sampled anchors and smooth L1 (beta 1/9) of the positives' deltas, both divided by the number of sampled anchors
 * of the minibatch; with each level's gradient in the head's own layout.
 *
 * <p>Head layout: level l gives objectness {@code [N, A, H, W]} and deltas {@code [N, 4A, H, W]} (channel
 * {@code 4a + k}); element {@code (a, y, x)} is anchor {@code offset_l + (y * W + x) * A + a} of the image, the order
 * of {@code AnchorGenerator}, levels one after another.
 */
public record RpnLoss(double objectness, double boxRegression, List<INDArray> objectnessGradients,
        List<INDArray> deltaGradients) {

    public double total() {
        return objectness + boxRegression;
    }

    /** {@code targets.get(i)} covers image i's anchors of all levels, level 0 first. */
    public static RpnLoss of(List<INDArray> objectness, List<INDArray> deltas, List<RpnTargets> targets) {
        if (objectness.size() != deltas.size() || objectness.isEmpty()) {
            throw new IllegalArgumentException(objectness.size() + " objectness maps and " + deltas.size()
                    + " delta maps: the RPN head gives one of each per level");
        }
        int images = (int) objectness.get(0).size(0);
        if (targets.size() != images) {
            throw new IllegalArgumentException(targets.size() + " images of targets for a batch of " + images);
        }
        int anchors = 0;
        for (int l = 0; l < objectness.size(); l++) {
            INDArray level = objectness.get(l);
            long[] expected = {images, 4 * level.size(1), level.size(2), level.size(3)};
            if (!Arrays.equals(deltas.get(l).shape(), expected)) {
                throw new IllegalArgumentException("level " + l + ": deltas must be " + Arrays.toString(expected)
                        + " beside objectness " + Arrays.toString(level.shape()) + ", got "
                        + Arrays.toString(deltas.get(l).shape()));
            }
            anchors += (int) (level.length() / images);
        }
        int[][] labels = new int[images][];
        double[][] targetDeltas = new double[images][];
        int sampled = 0;
        for (int i = 0; i < images; i++) {
            labels[i] = targets.get(i).objectness();
            if (labels[i].length != anchors) {
                throw new IllegalArgumentException("image " + i + " has targets for " + labels[i].length
                        + " anchors, the head predicts " + anchors);
            }
            targetDeltas[i] = Elementwise.values(targets.get(i).deltas());
            for (int label : labels[i]) {
                if (label != Match.IGNORED) {
                    sampled++;
                }
            }
        }
        double normaliser = Math.max(sampled, 1);
        double objectnessLoss = 0;
        double boxLoss = 0;
        List<INDArray> objectnessGradients = new ArrayList<>();
        List<INDArray> deltaGradients = new ArrayList<>();
        int offset = 0;
        for (int l = 0; l < objectness.size(); l++) {
            INDArray level = objectness.get(l);
            int perLocation = (int) level.size(1);
            int locations = (int) (level.size(2) * level.size(3));
            // the targets of this level, laid out as the head's outputs
            double[] label = new double[(int) level.length()];
            double[] labelWeight = new double[label.length];
            double[] deltaTarget = new double[label.length * 4];
            double[] deltaWeight = new double[deltaTarget.length];
            for (int i = 0; i < images; i++) {
                for (int a = 0; a < perLocation; a++) {
                    for (int p = 0; p < locations; p++) {
                        int anchor = offset + p * perLocation + a;
                        int state = labels[i][anchor];
                        if (state == Match.IGNORED) {
                            continue;
                        }
                        int element = (i * perLocation + a) * locations + p;
                        labelWeight[element] = 1;
                        if (state == Match.POSITIVE) {
                            label[element] = 1;
                            for (int k = 0; k < 4; k++) {
                                int deltaElement = ((i * perLocation + a) * 4 + k) * locations + p;
                                deltaTarget[deltaElement] = targetDeltas[i][4 * anchor + k];
                                deltaWeight[deltaElement] = 1;
                            }
                        }
                    }
                }
            }
            LossAndGradient cls = SigmoidCrossEntropy.of(level, Elementwise.like(level, label),
                    Elementwise.like(level, labelWeight), normaliser);
            INDArray levelDeltas = deltas.get(l);
            LossAndGradient box = SmoothL1.of(levelDeltas, Elementwise.like(levelDeltas, deltaTarget),
                    Elementwise.like(levelDeltas, deltaWeight), SmoothL1.RPN_BETA, normaliser);
            objectnessLoss += cls.value();
            boxLoss += box.value();
            objectnessGradients.add(cls.gradient());
            deltaGradients.add(box.gradient());
            offset += perLocation * locations;
        }
        return new RpnLoss(objectnessLoss, boxLoss, objectnessGradients, deltaGradients);
    }
}
