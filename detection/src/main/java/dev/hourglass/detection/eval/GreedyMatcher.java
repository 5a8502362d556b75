package dev.hourglass.detection.eval;

import java.util.List;

/**
 * Matches one image's detections of one category to its objects as pycocotools' {@code evaluateImg} does: at each
 * IoU threshold, detections in descending score order each take the still unmatched object of highest IoU, if that
 * IoU is at least the threshold (ties go to the later object). Greedy, not an optimal assignment.
 */
final class GreedyMatcher {

    private GreedyMatcher() {
    }

    /** {@code detections} sorted by descending score; returns, per threshold, which detections found an object. */
    static boolean[][] match(List<ScoredDetection> detections, List<GroundTruthInstance> objects,
            double[] iouThresholds, IouType iouType) {
        double[][] ious = new double[detections.size()][objects.size()];
        for (int d = 0; d < detections.size(); d++) {
            for (int g = 0; g < objects.size(); g++) {
                ious[d][g] = iouType.iou(detections.get(d), objects.get(g));
            }
        }
        boolean[][] matched = new boolean[iouThresholds.length][detections.size()];
        for (int t = 0; t < iouThresholds.length; t++) {
            boolean[] taken = new boolean[objects.size()];
            for (int d = 0; d < detections.size(); d++) {
                double best = Math.min(iouThresholds[t], 1 - 1e-10);
                int chosen = -1;
                for (int g = 0; g < objects.size(); g++) {
                    if (!taken[g] && ious[d][g] >= best) {
                        best = ious[d][g];
                        chosen = g;
                    }
                }
                if (chosen >= 0) {
                    taken[chosen] = true;
                    matched[t][d] = true;
                }
            }
        }
        return matched;
    }
}
