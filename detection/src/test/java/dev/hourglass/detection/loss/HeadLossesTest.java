package dev.hourglass.detection.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.GradientCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class HeadLossesTest {

    @Test
    void boxHeadGradientsMatchFiniteDifferencesAndOnlyTheObjectsClassRegresses() {
        // 4 RoIs, 3 foreground classes: classes 2, 0 (background), 3, 1
        int[] classes = {2, 0, 3, 1};
        INDArray logits = Nd4j.randn(DataType.DOUBLE, 4, 4);
        // deltas near their targets (differences within +-0.3), inside smooth L1's quadratic part
        INDArray targets = Nd4j.randn(DataType.DOUBLE, 4, 4);
        INDArray deltas = Nd4j.randn(DataType.DOUBLE, 4, 12).mul(0.1);

        BoxHeadLoss loss = BoxHeadLoss.of(logits, deltas, classes, targets);

        GradientCheck.assertMatches(x -> BoxHeadLoss.of(x, deltas, classes, targets).total(), logits,
                loss.classGradient(), 1e-8);
        GradientCheck.assertMatches(x -> BoxHeadLoss.of(logits, x, classes, targets).total(), deltas,
                loss.deltaGradient(), 1e-7);
        // RoI 0 is class 2: only columns 4..7 carry a gradient; the background RoI 1 none at all
        double[] first = loss.deltaGradient().getRow(0).toDoubleVector();
        for (int column = 0; column < 12; column++) {
            assertThat(first[column] != 0).as("column %d", column).isEqualTo(column >= 4 && column < 8);
        }
        assertThat(loss.deltaGradient().getRow(1).toDoubleVector()).containsOnly(0.0);
    }

    @Test
    void maskLossTakesOnlyTheRoisOwnClassAndItsGradientMatches() {
        int[] classes = {2, 1};
        INDArray logits = Nd4j.randn(DataType.DOUBLE, 2, 3, 4, 4);
        INDArray targets = Nd4j.rand(DataType.DOUBLE, 2, 4, 4).gt(0.5).castTo(DataType.DOUBLE);

        LossAndGradient loss = MaskLoss.of(logits, classes, targets);

        GradientCheck.assertMatches(x -> MaskLoss.of(x, classes, targets).value(), logits, loss.gradient(), 1e-8);
        INDArray otherClass = loss.gradient().get(NDArrayIndex.point(0), NDArrayIndex.point(0));
        assertThat(otherClass.ravel().toDoubleVector()).containsOnly(0.0);
    }

    @Test
    void confidentCorrectMasksCostAlmostNothing() {
        INDArray targets = Nd4j.rand(DataType.DOUBLE, 1, 4, 4).gt(0.5).castTo(DataType.DOUBLE);
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, 1, 2, 4, 4);
        logits.get(NDArrayIndex.point(0), NDArrayIndex.point(1)).assign(targets.reshape(4, 4).mul(40).sub(20));

        assertThat(MaskLoss.of(logits, new int[] {2}, targets).value()).isCloseTo(0, within(1e-8));
        assertThat(MaskLoss.of(Nd4j.zeros(DataType.DOUBLE, 1, 2, 4, 4), new int[] {2}, targets).value())
                .isCloseTo(Math.log(2), within(1e-12));
    }
}
