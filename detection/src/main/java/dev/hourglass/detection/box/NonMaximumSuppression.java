package dev.hourglass.detection.box;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Greedy non-maximum suppression: boxes in descending score order, each kept unless it overlaps an already kept box
 * of the same group by more than {@code iouThreshold}. Groups (a class, a pyramid level) are suppressed apart.
 */
public final class NonMaximumSuppression {

    private NonMaximumSuppression() {
    }

    /** Indices of the kept boxes ({@code [x1, y1, x2, y2]} rows), best first; at most {@code limit}. */
    public static int[] keep(double[][] boxes, double[] scores, int[] groups, double iouThreshold, int limit) {
        Integer[] order = IntStream.range(0, boxes.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
        List<Integer> kept = new ArrayList<>();
        for (int candidate : order) {
            if (kept.size() >= limit) {
                break;
            }
            boolean suppressed = false;
            for (int k : kept) {
                if (groups[k] == groups[candidate]
                        && PairwiseIou.of(new double[][] {boxes[k]}, new double[][] {boxes[candidate]})[0][0]
                                > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(candidate);
            }
        }
        return kept.stream().mapToInt(Integer::intValue).toArray();
    }
}
