package dev.hourglass.detection.targets;

/**
 * Labels boxes by their best IoU with any object (Faster R-CNN, Section 3.1.2): positive from {@code high} up,
 * negative below {@code low}, ignored in between. The RPN uses 0.3 / 0.7 and also makes positive, for each object,
 * the boxes that overlap it most ({@code allowLowQualityMatches}), so that every object has an anchor; the box head
 * uses 0.5 / 0.5 without.
 */
public record IouMatcher(double low, double high, boolean allowLowQualityMatches) {

    public IouMatcher {
        if (!(low <= high)) {
            throw new IllegalArgumentException("IoU thresholds out of order: low " + low + " > high " + high);
        }
    }

    public static IouMatcher forRpn() {
        return new IouMatcher(0.3, 0.7, true);
    }

    public static IouMatcher forBoxHead() {
        return new IouMatcher(0.5, 0.5, false);
    }

    /** {@code iou[g][b]}: the IoU of object g with box b, for G objects (possibly none) and B boxes. */
    public Match match(double[][] iou, int boxes) {
        int[] object = new int[boxes];
        int[] label = new int[boxes];
        for (int b = 0; b < boxes; b++) {
            int best = -1;
            double bestIou = -1;
            for (int g = 0; g < iou.length; g++) {
                if (iou[g][b] > bestIou) {
                    bestIou = iou[g][b];
                    best = g;
                }
            }
            object[b] = best;
            label[b] = best < 0 || bestIou < low ? Match.NEGATIVE
                    : bestIou >= high ? Match.POSITIVE : Match.IGNORED;
        }
        if (allowLowQualityMatches) {
            for (double[] row : iou) {
                double highest = 0;
                for (double value : row) {
                    highest = Math.max(highest, value);
                }
                // an object that overlaps no box at all would otherwise make every non-overlapping box positive
                if (highest <= 0) {
                    continue;
                }
                for (int b = 0; b < boxes; b++) {
                    if (row[b] == highest) {
                        label[b] = Match.POSITIVE;
                    }
                }
            }
        }
        for (int b = 0; b < boxes; b++) {
            if (label[b] == Match.NEGATIVE) {
                object[b] = -1;
            }
        }
        return new Match(object, label);
    }
}
