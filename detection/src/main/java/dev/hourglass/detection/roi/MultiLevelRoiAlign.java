package dev.hourglass.detection.roi;

import dev.hourglass.detection.Matrices;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        int perRoi = (int) (channels * any.pooledHeight() * any.pooledWidth());
        double[] output = new double[rois * perRoi];
        double[][] rows = boxRows(boxes);
        List<int[]> members = members(rows);
        for (int i = 0; i < perLevel.size(); i++) {
            int[] chosen = members.get(i);
            if (chosen.length == 0) {
                continue;
            }
            double[] pooled = perLevel.get(i).forward(features.get(i), rowsOf(rows, chosen), indicesOf(imageIndex, chosen))
                    .castTo(DataType.DOUBLE).data().asDouble();
            for (int k = 0; k < chosen.length; k++) {
                System.arraycopy(pooled, k * perRoi, output, chosen[k] * perRoi, perRoi);
            }
        }
        long[] shape = {rois, channels, any.pooledHeight(), any.pooledWidth()};
        return rois == 0 ? Nd4j.zeros(features.get(0).dataType(), shape)
                : Nd4j.create(output, shape, 'c').castTo(features.get(0).dataType());
    }

    public List<INDArray> backward(INDArray outputGradient, List<INDArray> features, INDArray boxes,
            int[] imageIndex) {
        double[][] rows = boxRows(boxes);
        List<int[]> members = members(rows);
        double[] gradient = imageIndex.length == 0 ? new double[0]
                : outputGradient.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        long[] roiShape = outputGradient.shape();
        int perRoi = (int) (roiShape[1] * roiShape[2] * roiShape[3]);
        List<INDArray> gradients = new ArrayList<>();
        for (int i = 0; i < perLevel.size(); i++) {
            int[] chosen = members.get(i);
            INDArray level = features.get(i);
            if (chosen.length == 0) {
                gradients.add(Nd4j.zeros(level.dataType(), level.shape()));
                continue;
            }
            double[] levelGradient = new double[chosen.length * perRoi];
            for (int k = 0; k < chosen.length; k++) {
                System.arraycopy(gradient, chosen[k] * perRoi, levelGradient, k * perRoi, perRoi);
            }
            INDArray upstream = Nd4j.create(levelGradient, new long[] {chosen.length, roiShape[1], roiShape[2],
                    roiShape[3]}, 'c');
            gradients.add(perLevel.get(i).backward(upstream, level.shape(), rowsOf(rows, chosen),
                    indicesOf(imageIndex, chosen)).castTo(level.dataType()));
        }
        return gradients;
    }

    private static double[][] boxRows(INDArray boxes) {
        return Matrices.rows(boxes);
    }

    /** For each level, the RoIs pooled from it. */
    private List<int[]> members(double[][] rows) {
        int[] levels = assigner.levels(rows);
        List<int[]> members = new ArrayList<>();
        for (int i = 0; i < perLevel.size(); i++) {
            int level = assigner.minLevel() + i;
            members.add(IntStream.range(0, levels.length).filter(r -> levels[r] == level).toArray());
        }
        return members;
    }

    private static INDArray rowsOf(double[][] all, int[] rows) {
        double[][] chosen = new double[rows.length][];
        for (int k = 0; k < rows.length; k++) {
            chosen[k] = all[rows[k]];
        }
        return Matrices.of(chosen, 4);
    }

    private static int[] indicesOf(int[] imageIndex, int[] rows) {
        int[] chosen = new int[rows.length];
        for (int k = 0; k < rows.length; k++) {
            chosen[k] = imageIndex[rows[k]];
        }
        return chosen;
    }
}
