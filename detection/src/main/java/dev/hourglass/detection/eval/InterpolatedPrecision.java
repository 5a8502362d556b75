package dev.hourglass.detection.eval;

/**
 * The precision of one category at one IoU threshold on COCO's 101 recall points (pycocotools' {@code accumulate}):
 * detections of all images in descending score order, precision made non-increasing from the right, and at each
 * recall point r the precision of the first detection whose recall reaches r (0 where none does).
 */
final class InterpolatedPrecision {

    static final double[] RECALL_POINTS = linspace(0, 1, 101);

    private InterpolatedPrecision() {
    }

    /** {@code truePositive} in descending score order; {@code objects > 0}. */
    static double[] at101RecallPoints(boolean[] truePositive, int objects) {
        int n = truePositive.length;
        double[] recall = new double[n];
        double[] precision = new double[n];
        int tp = 0;
        for (int i = 0; i < n; i++) {
            if (truePositive[i]) {
                tp++;
            }
            recall[i] = (double) tp / objects;
            precision[i] = tp / (i + 1 + Math.ulp(1.0));
        }
        for (int i = n - 1; i > 0; i--) {
            precision[i - 1] = Math.max(precision[i - 1], precision[i]);
        }
        double[] result = new double[RECALL_POINTS.length];
        int first = 0;
        for (int r = 0; r < RECALL_POINTS.length; r++) {
            while (first < n && recall[first] < RECALL_POINTS[r]) {
                first++;
            }
            result[r] = first < n ? precision[first] : 0;
        }
        return result;
    }

    /** As numpy's {@code linspace}, so that the thresholds are the same doubles pycocotools compares against. */
    static double[] linspace(double start, double stop, int count) {
        double step = (stop - start) / (count - 1);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = i * step + start;
        }
        values[count - 1] = stop;
        return values;
    }
}
