package dev.hourglass.detection.box;

import dev.hourglass.detection.Matrices;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Faster R-CNN's box parametrisation (Girshick et al., R-CNN Appendix C): a target box relative to a reference box
 * as {@code dx = wx (x - xr) / wr, dy = wy (y - yr) / hr, dw = ww log(w / wr), dh = wh log(h / hr)} over centres
 * and sizes. The weights are (1, 1, 1, 1) for the RPN and (10, 10, 5, 5) for the box head (Detectron's defaults),
 * which scale the deltas to about unit variance. Boxes are {@code [R, 4]} rows of x1, y1, x2, y2.
 */
public record BoxCoder(double wx, double wy, double ww, double wh) {

    /** Decoded width and height grow by at most {@code 1000/16}, so that exp() of a wild delta stays finite. */
    public static final double SCALE_CLAMP = Math.log(1000.0 / 16);

    public static BoxCoder forRpn() {
        return new BoxCoder(1, 1, 1, 1);
    }

    public static BoxCoder forBoxHead() {
        return new BoxCoder(10, 10, 5, 5);
    }

    /** The deltas that take each of {@code references} to the matching row of {@code targets}. */
    public INDArray encode(INDArray references, INDArray targets) {
        double[][] from = rows(references, "references");
        double[][] to = rows(targets, "targets");
        if (from.length != to.length) {
            throw new IllegalArgumentException(from.length + " reference boxes and " + to.length
                    + " targets: encode needs one target per reference box");
        }
        double[][] deltas = new double[from.length][4];
        for (int i = 0; i < from.length; i++) {
            double width = from[i][2] - from[i][0];
            double height = from[i][3] - from[i][1];
            if (!(width > 0) || !(height > 0)) {
                throw new IllegalArgumentException("reference box " + i + " " + Arrays.toString(from[i])
                        + " has no area; boxes to encode against must have width and height > 0");
            }
            double targetWidth = to[i][2] - to[i][0];
            double targetHeight = to[i][3] - to[i][1];
            deltas[i][0] = wx * ((to[i][0] + 0.5 * targetWidth) - (from[i][0] + 0.5 * width)) / width;
            deltas[i][1] = wy * ((to[i][1] + 0.5 * targetHeight) - (from[i][1] + 0.5 * height)) / height;
            deltas[i][2] = ww * Math.log(targetWidth / width);
            deltas[i][3] = wh * Math.log(targetHeight / height);
        }
        return matrix(deltas);
    }

    /** The boxes that {@code deltas} make of {@code references}: the inverse of {@link #encode}. */
    public INDArray decode(INDArray deltas, INDArray references) {
        double[][] d = rows(deltas, "deltas");
        double[][] from = rows(references, "references");
        if (d.length != from.length) {
            throw new IllegalArgumentException(d.length + " deltas for " + from.length + " reference boxes");
        }
        double[][] boxes = new double[d.length][4];
        for (int i = 0; i < d.length; i++) {
            double width = from[i][2] - from[i][0];
            double height = from[i][3] - from[i][1];
            double centreX = from[i][0] + 0.5 * width + d[i][0] / wx * width;
            double centreY = from[i][1] + 0.5 * height + d[i][1] / wy * height;
            double newWidth = Math.exp(Math.min(d[i][2] / ww, SCALE_CLAMP)) * width;
            double newHeight = Math.exp(Math.min(d[i][3] / wh, SCALE_CLAMP)) * height;
            boxes[i] = new double[] {centreX - 0.5 * newWidth, centreY - 0.5 * newHeight, centreX + 0.5 * newWidth,
                    centreY + 0.5 * newHeight};
        }
        return matrix(boxes);
    }

    static double[][] rows(INDArray boxes, String what) {
        if (boxes.rank() != 2 || boxes.size(1) != 4) {
            throw new IllegalArgumentException(what + " must be [R, 4], got " + Arrays.toString(boxes.shape()));
        }
        return Matrices.rows(boxes);
    }

    static INDArray matrix(double[][] rows) {
        return Matrices.of(rows, 4);
    }
}
