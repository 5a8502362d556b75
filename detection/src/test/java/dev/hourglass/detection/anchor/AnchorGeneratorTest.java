package dev.hourglass.detection.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class AnchorGeneratorTest {

    @Test
    void cellAnchorsKeepTheAreaAndTakeHeightOverWidthAsTheRatio() {
        double[][] cell = AnchorLevel.of(4, 32, 0.5, 1, 2).cellAnchors();

        assertThat(cell[1]).containsExactly(new double[] {-16, -16, 16, 16}, within(1e-12));
        for (int a = 0; a < 3; a++) {
            double width = cell[a][2] - cell[a][0];
            double height = cell[a][3] - cell[a][1];
            assertThat(width * height).isCloseTo(32 * 32, within(1e-9));
            assertThat(height / width).isCloseTo(new double[] {0.5, 1, 2}[a], within(1e-12));
            assertThat(cell[a][0] + cell[a][2]).isCloseTo(0, within(1e-12));
        }
    }

    @Test
    void anchorsRunRowByRowThenThroughTheCellAnchorsOfEachLocation() {
        AnchorGenerator generator = new AnchorGenerator(List.of(new AnchorLevel(8, new double[] {16, 32},
                new double[] {1}, 0)));

        INDArray anchors = generator.anchors(0, 2, 3);

        assertThat(anchors.shape()).containsExactly(12, 4);
        // location (y=1, x=2), size 32: index (1 * 3 + 2) * 2 + 1, centred on (16, 8)
        assertThat(anchors.getRow(11).toDoubleVector()).containsExactly(new double[] {0, -8, 32, 24}, within(1e-12));
        // location (y=0, x=1), size 16: centred on (8, 0)
        assertThat(anchors.getRow(2).toDoubleVector()).containsExactly(new double[] {0, -8, 16, 8}, within(1e-12));
    }

    @Test
    void anOffsetMovesTheCentresWithinTheCell() {
        AnchorGenerator generator = new AnchorGenerator(List.of(new AnchorLevel(8, new double[] {8},
                new double[] {1}, 0.5)));

        assertThat(generator.anchors(0, 1, 1).toDoubleVector()).containsExactly(new double[] {0, 0, 8, 8},
                within(1e-12));
    }

    @Test
    void theFpnPyramidHasThreeAnchorsPerLocationOnEachOfFiveLevels() {
        AnchorGenerator fpn = AnchorGenerator.fpn();

        INDArray all = fpn.anchors(new int[][] {{16, 16}, {8, 8}, {4, 4}, {2, 2}, {1, 1}});

        assertThat(all.shape()).containsExactly((256 + 64 + 16 + 4 + 1) * 3, 4);
        // the last anchor is P6's tall one at (0, 0): 512^2 area, ratio 2
        double[] last = all.getRow(all.rows() - 1).toDoubleVector();
        assertThat((last[2] - last[0]) * (last[3] - last[1])).isCloseTo(512 * 512, within(1e-6));
    }
}
