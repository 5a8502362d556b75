package dev.hourglass.detection.inference;

import dev.hourglass.detection.BinaryMask;

/**
 * Puts a detection's {@code M x M} mask probabilities back on the image (Mask R-CNN, Section 3.1, "Inference"):
 * each image pixel inside the box reads the mask bilinearly at its centre's position in the box, and is set where
 * that reaches {@code threshold} (0.5 in the paper). Samples off the mask grid read zero beyond its half-pixel border,
 * as {@code grid_sample} with {@code align_corners=False} does in Detectron2.
 */
public final class MaskPaster {

    public static final double THRESHOLD = 0.5;

    private MaskPaster() {
    }

    /** {@code probabilities[y][x]} of one detection, its box in image pixels. */
    public static BinaryMask paste(double[][] probabilities, double[] box, int imageWidth, int imageHeight,
            double threshold) {
        int size = probabilities.length;
        BinaryMask mask = new BinaryMask(imageWidth, imageHeight);
        double width = box[2] - box[0];
        double height = box[3] - box[1];
        if (!(width > 0) || !(height > 0)) {
            return mask;
        }
        int fromX = Math.max(0, (int) Math.floor(box[0]));
        int toX = Math.min(imageWidth, (int) Math.ceil(box[2]));
        int fromY = Math.max(0, (int) Math.floor(box[1]));
        int toY = Math.min(imageHeight, (int) Math.ceil(box[3]));
        for (int y = fromY; y < toY; y++) {
            double v = (y + 0.5 - box[1]) / height * size - 0.5;
            for (int x = fromX; x < toX; x++) {
                double u = (x + 0.5 - box[0]) / width * size - 0.5;
                if (bilinear(probabilities, v, u) >= threshold) {
                    mask.set(x, y, true);
                }
            }
        }
        return mask;
    }

    private static double bilinear(double[][] grid, double v, double u) {
        int v0 = (int) Math.floor(v);
        int u0 = (int) Math.floor(u);
        double dv = v - v0;
        double du = u - u0;
        return (1 - dv) * (1 - du) * at(grid, v0, u0) + (1 - dv) * du * at(grid, v0, u0 + 1)
                + dv * (1 - du) * at(grid, v0 + 1, u0) + dv * du * at(grid, v0 + 1, u0 + 1);
    }

    private static double at(double[][] grid, int row, int column) {
        return row < 0 || column < 0 || row >= grid.length || column >= grid[row].length ? 0 : grid[row][column];
    }
}
