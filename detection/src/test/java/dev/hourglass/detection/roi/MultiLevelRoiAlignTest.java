package dev.hourglass.detection.roi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.GradientCheck;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class MultiLevelRoiAlignTest {

    @Test
    void thePapersAssignmentPutsA224BoxOnP4AndHalvesGoOneLevelDown() {
        int[] levels = FpnLevelAssigner.paper().levels(new double[][] {{0, 0, 224, 224}, {0, 0, 112, 112},
                {0, 0, 111, 111}, {0, 0, 448, 448}, {0, 0, 2000, 2000}, {5, 5, 5, 5}});

        assertThat(levels).containsExactly(4, 3, 2, 5, 5, 2);
    }

    /** Levels 2 and 3 at strides 4 and 8 over a 32x32 image; boxes of 8 and 16 pixels split between them. */
    private final MultiLevelRoiAlign align = new MultiLevelRoiAlign(new FpnLevelAssigner(2, 3, 3, 16),
            new int[] {4, 8}, 3, 2);
    private final INDArray boxes = Nd4j.create(new double[][] {{0, 0, 16, 16}, {4, 4, 12, 12}, {10, 2, 30, 22},
            {1, 1, 7, 9}});
    private final int[] images = {0, 1, 1, 0};

    @Test
    void eachRoiIsPooledFromItsLevelAtThatLevelsScale() {
        List<INDArray> features = List.of(Nd4j.rand(DataType.DOUBLE, 2, 2, 8, 8), Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 4));

        INDArray out = align.forward(features, boxes, images);

        assertThat(out.shape()).containsExactly(4, 2, 3, 3);
        // box 1 (8 px) is on level 2, box 2 (20 px) on level 3
        INDArray alone1 = new RoiAlign(3, 3, 0.25, 2, true).forward(features.get(0),
                boxes.get(NDArrayIndex.interval(1, 2), NDArrayIndex.all()), new int[] {1});
        INDArray alone2 = new RoiAlign(3, 3, 0.125, 2, true).forward(features.get(1),
                boxes.get(NDArrayIndex.interval(2, 3), NDArrayIndex.all()), new int[] {1});
        assertThat(out.get(NDArrayIndex.point(1))).isEqualTo(alone1.get(NDArrayIndex.point(0)));
        assertThat(out.get(NDArrayIndex.point(2))).isEqualTo(alone2.get(NDArrayIndex.point(0)));
    }

    @Test
    void backwardGivesEachLevelItsGradientAsFiniteDifferencesDo() {
        List<INDArray> features = List.of(Nd4j.rand(DataType.DOUBLE, 2, 2, 8, 8), Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 4));
        INDArray weights = Nd4j.randn(DataType.DOUBLE, 4, 2, 3, 3);

        List<INDArray> gradients = align.backward(weights, features, boxes, images);

        for (int level = 0; level < 2; level++) {
            GradientCheck.assertMatchesAt(() -> align.forward(features, boxes, images).mul(weights).sumNumber()
                    .doubleValue(), features.get(level), gradients.get(level), 1e-7, 40, level);
            assertThat(gradients.get(level).amaxNumber().doubleValue()).isPositive();
        }
    }
}
