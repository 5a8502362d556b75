package dev.hourglass.detection.anchor;

import java.util.Arrays;

/**
 * The anchors of one feature level (Faster R-CNN, Section 3.1; FPN, Section 4.1): every {@code stride} pixels one
 * anchor per size and aspect ratio (height over width), each of area {@code size^2}. {@code offset} places the
 * centres at {@code (i + offset) * stride}; 0 as in Detectron2's default.
 */
public record AnchorLevel(int stride, double[] sizes, double[] aspectRatios, double offset) {

    public AnchorLevel {
        if (stride < 1 || sizes.length == 0 || aspectRatios.length == 0) {
            throw new IllegalArgumentException("an anchor level needs a stride >= 1 and at least one size and one "
                    + "aspect ratio; got stride " + stride + ", sizes " + Arrays.toString(sizes) + ", ratios "
                    + Arrays.toString(aspectRatios));
        }
        if (!(offset >= 0 && offset < 1)) {
            throw new IllegalArgumentException("anchor offset must be in [0, 1), got " + offset);
        }
        sizes = sizes.clone();
        aspectRatios = aspectRatios.clone();
    }

    public static AnchorLevel of(int stride, double size, double... aspectRatios) {
        return new AnchorLevel(stride, new double[] {size}, aspectRatios, 0);
    }

    public int anchorsPerLocation() {
        return sizes.length * aspectRatios.length;
    }

    /** The anchors centred on (0, 0), sizes outer, ratios inner: {@code [A][x1, y1, x2, y2]}. */
    public double[][] cellAnchors() {
        double[][] cell = new double[anchorsPerLocation()][];
        int k = 0;
        for (double size : sizes) {
            for (double ratio : aspectRatios) {
                double width = Math.sqrt(size * size / ratio);
                double height = ratio * width;
                cell[k++] = new double[] {-width / 2, -height / 2, width / 2, height / 2};
            }
        }
        return cell;
    }

    @Override
    public double[] sizes() {
        return sizes.clone();
    }

    @Override
    public double[] aspectRatios() {
        return aspectRatios.clone();
    }
}
