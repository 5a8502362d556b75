package dev.hourglass.trainer.detection.roi;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * RoIAlign over a feature pyramid: each RoI is pooled from the level {@link FpnLevelAssigner} gives it, at that
 * level's scale {@code 1 / stride}; the outputs keep the RoIs' order. The backward pass gives one gradient per level.
 */
public final class MultiLevelRoiAlign {

    private final FpnLevelAssigner assigner;
    private final List<RoiAlign> perLevel;

    /** {@code strides[i]} is the stride of level {@code assigner.minLevel() + i}. */
    public MultiLevelRoiAlign(FpnLevelAssigner assigner, int[] strides, int outputSize, int samplingRatio) {
        if (strides.length != assigner.maxLevel() - assigner.minLevel() + 1) {
            throw new IllegalArgumentException(strides.length + " strides for levels " + assigner.minLevel() + ".."
                    + assigner.maxLevel());
        }
        this.assigner = assigner;
        this.perLevel = new ArrayList<>();
        for (int stride : strides) {
            perLevel.add(new RoiAlign(outputSize, outputSize, 1.0 / stride, samplingRatio, true));
        }
    }

    /** {@code features.get(i)} is level {@code minLevel + i}, {@code [N, C, H_i, W_i]}; gives {@code [R, C, S, S]}. */
    public INDArray forward(List<INDArray> features, INDArray boxes, int[] imageIndex) {
        int rois = imageIndex.length;
        RoiAlign any = perLevel.get(0);
        long channels = features.get(0).size(1);
        INDArray output = Nd4j.zeros(features.get(0).dataType(), rois, channels, any.pooledHeight(),
                any.pooledWidth());
        List<int[]> members = members(boxes);
        for (int i = 0; i < perLevel.size(); i++) {
            int[] rows = members.get(i);
            if (rows.length == 0) {
                continue;
            }
            INDArray pooled = perLevel.get(i).forward(features.get(i), rowsOf(boxes, rows), indicesOf(imageIndex, rows));
            for (int k = 0; k < rows.length; k++) {
                output.put(new INDArrayIndex[] {NDArrayIndex.point(rows[k])},
                        pooled.get(NDArrayIndex.point(k)));
            }
        }
        return output;
    }

    public List<INDArray> backward(INDArray outputGradient, List<INDArray> features, INDArray boxes,
            int[] imageIndex) {
        List<int[]> members = members(boxes);
        List<INDArray> gradients = new ArrayList<>();
        for (int i = 0; i < perLevel.size(); i++) {
            int[] rows = members.get(i);
            INDArray level = features.get(i);
            if (rows.length == 0) {
                gradients.add(Nd4j.zeros(level.dataType(), level.shape()));
                continue;
            }
            INDArray levelGradient = Nd4j.create(level.dataType(), rows.length, outputGradient.size(1),
                    outputGradient.size(2), outputGradient.size(3));
            for (int k = 0; k < rows.length; k++) {
                levelGradient.put(new INDArrayIndex[] {NDArrayIndex.point(k)},
                        outputGradient.get(NDArrayIndex.point(rows[k])));
            }
            gradients.add(perLevel.get(i).backward(levelGradient, level.shape(), rowsOf(boxes, rows),
                    indicesOf(imageIndex, rows)));
        }
        return gradients;
    }

    /** For each level, the RoIs pooled from it. */
    private List<int[]> members(INDArray boxes) {
        double[][] rows = boxes.size(0) == 0 ? new double[0][] : boxes.castTo(DataType.DOUBLE).toDoubleMatrix();
        int[] levels = assigner.levels(rows);
        List<int[]> members = new ArrayList<>();
        for (int i = 0; i < perLevel.size(); i++) {
            int level = assigner.minLevel() + i;
            members.add(IntStream.range(0, levels.length).filter(r -> levels[r] == level).toArray());
        }
        return members;
    }

    private static INDArray rowsOf(INDArray boxes, int[] rows) {
        double[][] all = boxes.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] chosen = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            chosen[k] = all[rows[k]];
        }
        return Nd4j.create(chosen);
    }

    private static int[] indicesOf(int[] imageIndex, int[] rows) {
        int[] chosen = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            chosen[k] = imageIndex[rows[k]];
        }
        return chosen;
    }
}
