package dev.hourglass.detection.anchor;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All anchors of a feature pyramid. Within a level they run row by row over the feature map and, at each location,
 * through the level's cell anchors: anchor {@code (y * W + x) * A + a}, the order in which an RPN head's
 * {@code [N, A * 4, H, W]} output reads once permuted to {@code [N, H, W, A, 4]}.
 */
public record AnchorGenerator(List<AnchorLevel> levels) {

    public AnchorGenerator {
        levels = List.copyOf(levels);
    }

    /** ResNet-FPN's P2..P6: strides 4 to 64, sizes 32 to 512, ratios 0.5, 1, 2 (FPN, Section 4.1). */
    public static AnchorGenerator fpn() {
        return new AnchorGenerator(List.of(AnchorLevel.of(4, 32, 0.5, 1, 2), AnchorLevel.of(8, 64, 0.5, 1, 2),
                AnchorLevel.of(16, 128, 0.5, 1, 2), AnchorLevel.of(32, 256, 0.5, 1, 2),
                AnchorLevel.of(64, 512, 0.5, 1, 2)));
    }

    /** The anchors of level {@code level} over a feature map of {@code height x width}: {@code [H * W * A, 4]}. */
    public INDArray anchors(int level, int height, int width) {
        AnchorLevel spec = levels.get(level);
        double[][] cell = spec.cellAnchors();
        double[] values = new double[height * width * cell.length * 4];
        int k = 0;
        for (int y = 0; y < height; y++) {
            double shiftY = (y + spec.offset()) * spec.stride();
            for (int x = 0; x < width; x++) {
                double shiftX = (x + spec.offset()) * spec.stride();
                for (double[] anchor : cell) {
                    values[k++] = anchor[0] + shiftX;
                    values[k++] = anchor[1] + shiftY;
                    values[k++] = anchor[2] + shiftX;
                    values[k++] = anchor[3] + shiftY;
                }
            }
        }
        return values.length == 0 ? Nd4j.zeros(DataType.DOUBLE, 0, 4)
                : Nd4j.create(values, new long[] {(long) height * width * cell.length, 4}, 'c');
    }

    /** Every level's anchors one after another, level 0 first; {@code sizes[l]} is level l's {height, width}. */
    public INDArray anchors(int[][] sizes) {
        if (sizes.length != levels.size()) {
            throw new IllegalArgumentException(sizes.length + " feature map sizes for " + levels.size()
                    + " anchor levels");
        }
        INDArray[] perLevel = new INDArray[sizes.length];
        for (int l = 0; l < sizes.length; l++) {
            perLevel[l] = anchors(l, sizes[l][0], sizes[l][1]);
        }
        return Nd4j.concat(0, perLevel);
    }
}
