package dev.hourglass.detection.coco;

import dev.hourglass.detection.BinaryMask;
import java.util.Arrays;
import java.util.List;

/**
 * Fills COCO polygons ({@code [x1, y1, x2, y2, ...]} in pixel coordinates, pixel {@code (i, j)} the unit square
 * from {@code (i, j)} to {@code (i + 1, j + 1)}) into a mask: a pixel is set when its centre lies inside a polygon
 * (even-odd rule); several polygons of one object are united. pycocotools rasterises through a 5x upsampled outline
 * instead, so along the edges the two can differ by a pixel; areas agree to within the outline's length.
 */
public final class PolygonRasterizer {

    private PolygonRasterizer() {
    }

    public static BinaryMask rasterize(List<double[]> polygons, int width, int height) {
        BinaryMask mask = new BinaryMask(width, height);
        for (double[] polygon : polygons) {
            fill(polygon, mask);
        }
        return mask;
    }

    private static void fill(double[] polygon, BinaryMask mask) {
        if (polygon.length % 2 != 0 || polygon.length < 6) {
            throw new IllegalArgumentException("a polygon needs at least 3 points as x, y pairs; got "
                    + polygon.length + " numbers");
        }
        int points = polygon.length / 2;
        double[] crossings = new double[points];
        for (int y = 0; y < mask.height(); y++) {
            double centreY = y + 0.5;
            int found = 0;
            for (int i = 0; i < points; i++) {
                int j = (i + 1) % points;
                double xi = polygon[2 * i];
                double yi = polygon[2 * i + 1];
                double xj = polygon[2 * j];
                double yj = polygon[2 * j + 1];
                // half-open in y, so that a vertex on the scanline is counted once
                if ((yi <= centreY) != (yj <= centreY)) {
                    crossings[found++] = xi + (centreY - yi) / (yj - yi) * (xj - xi);
                }
            }
            Arrays.sort(crossings, 0, found);
            for (int k = 0; k + 1 < found; k += 2) {
                int from = Math.max(0, (int) Math.ceil(crossings[k] - 0.5));
                int to = Math.min(mask.width(), (int) Math.ceil(crossings[k + 1] - 0.5));
                for (int x = from; x < to; x++) {
                    mask.set(x, y, true);
                }
            }
        }
    }
}
