package dev.hourglass.detection.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.GradientCheck;
import dev.hourglass.detection.targets.Match;
import dev.hourglass.detection.targets.RpnTargets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RpnLossTest {

    @Test
    void eachAnchorReadsTheChannelAndLocationOfTheGeneratorsOrder() {
        // level 0: A = 2 on a 2x3 map (12 anchors), level 1: A = 2 on 1x1 (2 anchors); one positive anchor on each
        int[] labels = new int[14];
        Arrays.fill(labels, Match.IGNORED);
        int onLevel0 = (1 * 3 + 2) * 2 + 1;
        labels[onLevel0] = Match.POSITIVE;
        labels[12 + 0] = Match.POSITIVE;
        INDArray targetDeltas = Nd4j.zeros(DataType.DOUBLE, 14, 4);
        targetDeltas.putScalar(new long[] {onLevel0, 3}, 1.0);
        RpnTargets targets = new RpnTargets(labels, targetDeltas);

        RpnLoss loss = RpnLoss.of(List.of(Nd4j.zeros(DataType.DOUBLE, 1, 2, 2, 3), Nd4j.zeros(DataType.DOUBLE, 1, 2, 1, 1)),
                List.of(Nd4j.zeros(DataType.DOUBLE, 1, 8, 2, 3), Nd4j.zeros(DataType.DOUBLE, 1, 8, 1, 1)),
                List.of(targets));

        // logit 0 against target 1: gradient (1/2 - 1) / 2 sampled anchors, only at (a=1, y=1, x=2) and level 1's a=0
        INDArray level0 = loss.objectnessGradients().get(0);
        assertThat(level0.getDouble(0, 1, 1, 2)).isCloseTo(-0.25, within(1e-12));
        assertThat(level0.sumNumber().doubleValue()).isCloseTo(-0.25, within(1e-12));
        assertThat(loss.objectnessGradients().get(1).getDouble(0, 0, 0, 0)).isCloseTo(-0.25, within(1e-12));
        // delta 0 against target 1 on channel 4a + k = 7: linear part of smooth L1, gradient -1 / 2 sampled anchors
        INDArray deltas0 = loss.deltaGradients().get(0);
        assertThat(deltas0.getDouble(0, 7, 1, 2)).isCloseTo(-0.5, within(1e-12));
        assertThat(Math.abs(deltas0.sumNumber().doubleValue())).isCloseTo(0.5, within(1e-12));
    }

    /** Two levels (3x2 and 1x1, 2 anchors each) and two images of random targets. */
    @Test
    void gradientsOfBothLossesOnEveryLevelMatchFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(5);
        List<INDArray> objectness = List.of(Nd4j.randn(DataType.DOUBLE, 2, 2, 3, 2), Nd4j.randn(DataType.DOUBLE, 2, 2, 1, 1));
        List<INDArray> deltas = List.of(Nd4j.randn(DataType.DOUBLE, 2, 8, 3, 2).mul(0.05),
                Nd4j.randn(DataType.DOUBLE, 2, 8, 1, 1).mul(0.05));
        int anchors = 2 * 6 + 2 * 1;
        List<RpnTargets> targets = List.of(randomTargets(anchors, random), randomTargets(anchors, random));

        RpnLoss loss = RpnLoss.of(objectness, deltas, targets);

        assertThat(loss.objectness()).isPositive();
        assertThat(loss.boxRegression()).isPositive();
        for (int l = 0; l < 2; l++) {
            int level = l;
            GradientCheck.assertMatches(x -> RpnLoss.of(level == 0 ? List.of(x, objectness.get(1))
                    : List.of(objectness.get(0), x), deltas, targets).total(), objectness.get(l),
                    loss.objectnessGradients().get(l), 1e-8);
            GradientCheck.assertMatches(x -> RpnLoss.of(objectness, level == 0 ? List.of(x, deltas.get(1))
                    : List.of(deltas.get(0), x), targets).total(), deltas.get(l), loss.deltaGradients().get(l), 1e-8);
        }
    }

    @Test
    void ignoredAnchorsGetNoGradientAndTheLossIsAveragedOverTheSampledOnes() {
        int[] labels = {Match.POSITIVE, Match.IGNORED, Match.NEGATIVE, Match.IGNORED};
        RpnTargets targets = new RpnTargets(labels, Nd4j.zeros(DataType.DOUBLE, 4, 4));
        INDArray objectness = Nd4j.zeros(DataType.DOUBLE, 1, 1, 2, 2);

        RpnLoss loss = RpnLoss.of(List.of(objectness), List.of(Nd4j.zeros(DataType.DOUBLE, 1, 4, 2, 2)),
                List.of(targets));

        // two sampled anchors at logit 0: log 2 each, divided by 2
        assertThat(loss.objectness()).isCloseTo(Math.log(2), within(1e-12));
        // anchor (y, x) = (0, 0) positive, (1, 0) negative: the map is row-major as the anchors
        assertThat(loss.objectnessGradients().get(0).ravel().toDoubleVector()).containsExactly(-0.25, 0, 0.25, 0);
    }

    private static RpnTargets randomTargets(int anchors, SplittableRandom random) {
        int[] labels = new int[anchors];
        for (int a = 0; a < anchors; a++) {
            labels[a] = random.nextInt(3) - 1;
        }
        return new RpnTargets(labels, Nd4j.randn(DataType.DOUBLE, anchors, 4).mul(0.05));
    }
}
