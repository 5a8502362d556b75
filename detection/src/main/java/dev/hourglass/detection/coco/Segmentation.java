package dev.hourglass.detection.coco;

import dev.hourglass.detection.BinaryMask;
import java.util.List;

/** An annotation's {@code segmentation}: polygons, or a run-length encoded mask. */
public sealed interface Segmentation {

    /** The object's mask on an image of {@code width x height}. */
    BinaryMask toMask(int width, int height);

    /** One or more polygons, each {@code [x1, y1, x2, y2, ...]}; together they make one object. */
    record Polygons(List<double[]> polygons) implements Segmentation {

        public Polygons {
            polygons = polygons.stream().map(double[]::clone).toList();
        }

        @Override
        public BinaryMask toMask(int width, int height) {
            return PolygonRasterizer.rasterize(polygons, width, height);
        }
    }

    /** A run-length encoded mask, written either with COCO's compressed string or with plain counts. */
    record Rle(RunLengthEncoding encoding, boolean compressed) implements Segmentation {

        @Override
        public BinaryMask toMask(int width, int height) {
            if (encoding.width() != width || encoding.height() != height) {
                throw new IllegalArgumentException("RLE of size " + encoding.height() + "x" + encoding.width()
                        + " (height x width) on an image of " + height + "x" + width);
            }
            return encoding.decode();
        }
    }
}
