package dev.hourglass.detection.roi;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RoIAlign (He et al., Mask R-CNN, Section 3): each RoI is divided into {@code pooledHeight x pooledWidth} bins
 * without rounding its coordinates; each bin averages {@code samplingRatio^2} bilinearly interpolated samples on a
 * regular grid inside it ({@code samplingRatio <= 0}: {@code ceil(binSize)} samples per side, as Detectron2). With
 * {@code aligned} the box is shifted by half a pixel first, so that a box's continuous coordinates line up with
 * pixel centres (Detectron2's {@code ROIAlign(aligned=True)}); without it this is the original Caffe2 version, which
 * also stretches boxes narrower than a pixel to one. Samples more than a pixel outside the map count as zero.
 *
 * <p>Written here because ND4J 1.0.0-M2.1 has no RoIAlign and its {@code cropAndResize} has no gradient. The
 * backward pass gives the gradient with respect to the features only: as in Detectron2, boxes are constants here
 * (proposals are not back-propagated through in Mask R-CNN).
 */
public record RoiAlign(int pooledHeight, int pooledWidth, double spatialScale, int samplingRatio, boolean aligned) {

    public RoiAlign {
        if (pooledHeight < 1 || pooledWidth < 1) {
            throw new IllegalArgumentException("RoIAlign output must be at least 1x1, got " + pooledHeight + "x"
                    + pooledWidth);
        }
        if (!(spatialScale > 0)) {
            throw new IllegalArgumentException("spatialScale (feature size over image size, e.g. 1/16) must be > 0, "
                    + "got " + spatialScale);
        }
    }

    /**
     * The sampling positions of {@code boxes} ({@code [R, 4]} as x1, y1, x2, y2 in image coordinates) on images
     * {@code imageIndex[r]} of a feature map of {@code featureHeight x featureWidth}.
     */
    RoiSamplingPlan plan(INDArray boxes, int[] imageIndex, int featureHeight, int featureWidth) {
        if (boxes.rank() != 2 || boxes.size(1) != 4 || boxes.size(0) != imageIndex.length) {
            throw new IllegalArgumentException("boxes must be [R, 4] (x1, y1, x2, y2) with one image index per box; "
                    + "got " + Arrays.toString(boxes.shape()) + " and " + imageIndex.length + " indices");
        }
        int rois = imageIndex.length;
        int bins = pooledHeight * pooledWidth;
        double[] corners = boxes.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        SamplingBuffer buffer = new SamplingBuffer(rois * bins);
        double offset = aligned ? 0.5 : 0;
        for (int r = 0; r < rois; r++) {
            double startX = corners[4 * r] * spatialScale - offset;
            double startY = corners[4 * r + 1] * spatialScale - offset;
            double width = corners[4 * r + 2] * spatialScale - offset - startX;
            double height = corners[4 * r + 3] * spatialScale - offset - startY;
            if (!aligned) {
                width = Math.max(width, 1);
                height = Math.max(height, 1);
            }
            double binHeight = height / pooledHeight;
            double binWidth = width / pooledWidth;
            int gridHeight = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(height / pooledHeight);
            int gridWidth = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(width / pooledWidth);
            double perSample = 1.0 / Math.max(gridHeight * gridWidth, 1);
            for (int py = 0; py < pooledHeight; py++) {
                for (int px = 0; px < pooledWidth; px++) {
                    buffer.startBin();
                    for (int iy = 0; iy < gridHeight; iy++) {
                        double y = startY + py * binHeight + (iy + 0.5) * binHeight / gridHeight;
                        for (int ix = 0; ix < gridWidth; ix++) {
                            double x = startX + px * binWidth + (ix + 0.5) * binWidth / gridWidth;
                            addBilinear(buffer, y, x, featureHeight, featureWidth, perSample);
                        }
                    }
                }
            }
        }
        return buffer.toPlan(rois, bins, featureHeight, featureWidth, imageIndex.clone());
    }

    /** The four neighbours of {@code (y, x)} and their weights; nothing where the point lies off the map. */
    private static void addBilinear(SamplingBuffer buffer, double y, double x, int height, int width, double scale) {
        if (y < -1.0 || y > height || x < -1.0 || x > width) {
            return;
        }
        y = Math.max(y, 0);
        x = Math.max(x, 0);
        int yLow = (int) y;
        int xLow = (int) x;
        int yHigh;
        int xHigh;
        if (yLow >= height - 1) {
            yLow = yHigh = height - 1;
            y = yLow;
        } else {
            yHigh = yLow + 1;
        }
        if (xLow >= width - 1) {
            xLow = xHigh = width - 1;
            x = xLow;
        } else {
            xHigh = xLow + 1;
        }
        double ly = y - yLow;
        double lx = x - xLow;
        buffer.add(yLow * width + xLow, (1 - ly) * (1 - lx) * scale);
        buffer.add(yLow * width + xHigh, (1 - ly) * lx * scale);
        buffer.add(yHigh * width + xLow, ly * (1 - lx) * scale);
        buffer.add(yHigh * width + xHigh, ly * lx * scale);
    }

    /** {@code features [N, C, H, W]} pooled over {@code boxes [R, 4]}: {@code [R, C, pooledHeight, pooledWidth]}. */
    public INDArray forward(INDArray features, INDArray boxes, int[] imageIndex) {
        requireFeatureMap(features, imageIndex);
        return forward(features, plan(boxes, imageIndex, (int) features.size(2), (int) features.size(3)));
    }

    /** The gradient of a loss with respect to the features, given its gradient with respect to {@link #forward}. */
    public INDArray backward(INDArray outputGradient, long[] featureShape, INDArray boxes, int[] imageIndex) {
        if (featureShape.length != 4) {
            throw new IllegalArgumentException("featureShape must be [N, C, H, W], got " + Arrays.toString(featureShape));
        }
        requireImages(featureShape[0], imageIndex);
        RoiSamplingPlan plan = plan(boxes, imageIndex, (int) featureShape[2], (int) featureShape[3]);
        long[] expected = {imageIndex.length, featureShape[1], pooledHeight, pooledWidth};
        if (!Arrays.equals(outputGradient.shape(), expected)) {
            throw new IllegalArgumentException("the output gradient must be " + Arrays.toString(expected)
                    + " (RoIs, channels, pooled height, pooled width), got " + Arrays.toString(outputGradient.shape()));
        }
        return backward(outputGradient, featureShape, plan);
    }

    INDArray forward(INDArray features, RoiSamplingPlan plan) {
        int channels = (int) features.size(1);
        int plane = plan.featureHeight() * plan.featureWidth();
        double[] input = features.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] output = new double[plan.rois() * channels * plan.bins()];
        for (int r = 0; r < plan.rois(); r++) {
            for (int c = 0; c < channels; c++) {
                int inputBase = (plan.image()[r] * channels + c) * plane;
                int outputBase = (r * channels + c) * plan.bins();
                for (int b = 0; b < plan.bins(); b++) {
                    double sum = 0;
                    for (int k = plan.start()[r * plan.bins() + b]; k < plan.start()[r * plan.bins() + b + 1]; k++) {
                        sum += plan.weight()[k] * input[inputBase + plan.pixel()[k]];
                    }
                    output[outputBase + b] = sum;
                }
            }
        }
        return Nd4j.create(output, new long[] {plan.rois(), channels, pooledHeight, pooledWidth}, 'c')
                .castTo(features.dataType());
    }

    INDArray backward(INDArray outputGradient, long[] featureShape, RoiSamplingPlan plan) {
        int channels = (int) featureShape[1];
        int plane = plan.featureHeight() * plan.featureWidth();
        double[] gradient = outputGradient.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] input = new double[Math.toIntExact(featureShape[0] * channels * plane)];
        for (int r = 0; r < plan.rois(); r++) {
            for (int c = 0; c < channels; c++) {
                int inputBase = (plan.image()[r] * channels + c) * plane;
                int outputBase = (r * channels + c) * plan.bins();
                for (int b = 0; b < plan.bins(); b++) {
                    double g = gradient[outputBase + b];
                    for (int k = plan.start()[r * plan.bins() + b]; k < plan.start()[r * plan.bins() + b + 1]; k++) {
                        input[inputBase + plan.pixel()[k]] += plan.weight()[k] * g;
                    }
                }
            }
        }
        return Nd4j.create(input, featureShape, 'c').castTo(outputGradient.dataType());
    }

    private static void requireFeatureMap(INDArray features, int[] imageIndex) {
        if (features.rank() != 4) {
            throw new IllegalArgumentException("features must be [N, C, H, W], got "
                    + Arrays.toString(features.shape()));
        }
        requireImages(features.size(0), imageIndex);
    }

    private static void requireImages(long batch, int[] imageIndex) {
        for (int index : imageIndex) {
            if (index < 0 || index >= batch) {
                throw new IllegalArgumentException("image index " + index + " is outside the batch of " + batch
                        + " images");
            }
        }
    }
}
