package dev.hourglass.detection.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.anchor.AnchorGenerator;
import dev.hourglass.detection.anchor.AnchorLevel;
import dev.hourglass.detection.box.BoxCoder;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RpnTargetAssignerTest {

    /** A 64x64 image at stride 8 with anchors of 16 and 32, ratios 0.5, 1, 2: 8 * 8 * 6 = 384 anchors. */
    private final INDArray anchors = new AnchorGenerator(List.of(new AnchorLevel(8, new double[] {16, 32},
            new double[] {0.5, 1, 2}, 0))).anchors(0, 8, 8);

    @Test
    void positiveAnchorsCarryTheDeltasThatDecodeToTheirObject() {
        INDArray objects = Nd4j.create(new double[][] {{8, 8, 40, 40}, {30, 36, 50, 60}});

        RpnTargets targets = RpnTargetAssigner.standard().assign(anchors, objects, new SplittableRandom(3));

        int[] objectness = targets.objectness();
        assertThat(objectness).hasSize(384);
        INDArray decoded = BoxCoder.forRpn().decode(targets.deltas(), anchors);
        int positives = 0;
        for (int a = 0; a < objectness.length; a++) {
            if (objectness[a] == Match.POSITIVE) {
                positives++;
                double[] box = decoded.getRow(a).toDoubleVector();
                boolean first = Math.abs(box[0] - 8) < 1e-9 && Math.abs(box[3] - 40) < 1e-9;
                boolean second = Math.abs(box[0] - 30) < 1e-9 && Math.abs(box[3] - 60) < 1e-9;
                assertThat(first || second).as("anchor %d decodes to %s", a, java.util.Arrays.toString(box)).isTrue();
            } else {
                assertThat(targets.deltas().getRow(a).toDoubleVector()).containsOnly(0.0);
            }
        }
        // the 32x32 anchor centred on (24, 24) is exactly the first object
        int exact = ((24 / 8) * 8 + 24 / 8) * 6 + 4;
        assertThat(anchors.getRow(exact).toDoubleVector()).containsExactly(new double[] {8, 8, 40, 40},
                within(1e-12));
        assertThat(objectness[exact]).isEqualTo(Match.POSITIVE);
        assertThat(targets.deltas().getRow(exact).toDoubleVector()).containsOnly(0.0);
        assertThat(positives).isBetween(2, 128);
    }

    @Test
    void atMost256AnchorsOfAnImageAreInTheLoss() {
        RpnTargets targets = RpnTargetAssigner.standard().assign(anchors, Nd4j.create(new double[][] {{8, 8, 40, 40}}),
                new SplittableRandom(3));

        long inLoss = java.util.Arrays.stream(targets.objectness()).filter(l -> l != Match.IGNORED).count();
        assertThat(inLoss).isEqualTo(256);
    }

    @Test
    void anImageWithoutObjectsTrainsOnlyBackground() {
        RpnTargets targets = RpnTargetAssigner.standard().assign(anchors, Nd4j.zeros(DataType.DOUBLE, 0, 4),
                new SplittableRandom(3));

        assertThat(targets.objectness()).doesNotContain(Match.POSITIVE).contains(Match.NEGATIVE);
        assertThat(java.util.Arrays.stream(targets.objectness()).filter(l -> l == Match.NEGATIVE).count())
                .isEqualTo(256);
    }
}
