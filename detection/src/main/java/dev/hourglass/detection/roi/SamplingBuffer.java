package dev.hourglass.detection.roi;

import java.util.Arrays;

/** Grows the arrays of a {@link RoiSamplingPlan} bin by bin. */
final class SamplingBuffer {

    private final int[] start;
    private int bin = -1;
    private int[] pixel = new int[64];
    private double[] weight = new double[64];
    private int size;

    SamplingBuffer(int bins) {
        start = new int[bins + 1];
    }

    void startBin() {
        start[++bin] = size;
    }

    void add(int pixelIndex, double pixelWeight) {
        if (size == pixel.length) {
            pixel = Arrays.copyOf(pixel, 2 * size);
            weight = Arrays.copyOf(weight, 2 * size);
        }
        pixel[size] = pixelIndex;
        weight[size] = pixelWeight;
        size++;
    }

    RoiSamplingPlan toPlan(int rois, int bins, int featureHeight, int featureWidth, int[] image) {
        if (bin + 1 != rois * bins) {
            throw new IllegalStateException(bin + 1 + " bins were filled, " + rois * bins + " expected");
        }
        start[rois * bins] = size;
        return new RoiSamplingPlan(rois, bins, featureHeight, featureWidth, image, start,
                Arrays.copyOf(pixel, size), Arrays.copyOf(weight, size));
    }
}
