package dev.hourglass.detection.box;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The IoU of every box of one set with every box of another: {@code [A, 4]} and {@code [B, 4]} give {@code A x B}. */
public final class PairwiseIou {

    private PairwiseIou() {
    }

    public static double[][] of(INDArray first, INDArray second) {
        return of(BoxCoder.rows(first, "boxes"), BoxCoder.rows(second, "boxes"));
    }

    public static double[][] of(double[][] first, double[][] second) {
        double[][] iou = new double[first.length][second.length];
        for (int i = 0; i < first.length; i++) {
            double areaI = (first[i][2] - first[i][0]) * (first[i][3] - first[i][1]);
            for (int j = 0; j < second.length; j++) {
                double w = Math.min(first[i][2], second[j][2]) - Math.max(first[i][0], second[j][0]);
                double h = Math.min(first[i][3], second[j][3]) - Math.max(first[i][1], second[j][1]);
                if (w <= 0 || h <= 0) {
                    continue;
                }
                double intersection = w * h;
                double areaJ = (second[j][2] - second[j][0]) * (second[j][3] - second[j][1]);
                iou[i][j] = intersection / (areaI + areaJ - intersection);
            }
        }
        return iou;
    }
}
