package dev.hourglass.detection.roi;

/**
 * Where each output bin of each RoI reads the feature map, and with what weight: for RoI {@code r} and bin
 * {@code b}, entries {@code start[r * bins + b]} to {@code start[r * bins + b + 1] - 1} of {@code pixel} (an index
 * {@code y * width + x} into one channel of image {@code image[r]}) and {@code weight}. The same for every channel,
 * so one plan serves the forward pass and its backward pass.
 */
record RoiSamplingPlan(int rois, int bins, int featureHeight, int featureWidth, int[] image, int[] start, int[] pixel,
        double[] weight) {
}
