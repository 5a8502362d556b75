package dev.hourglass.detection.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.GradientCheck;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ElementLossesTest {

    private static INDArray row(double... values) {
        return Nd4j.create(values, new long[] {values.length}, 'c');
    }

    @Test
    void sigmoidCrossEntropyValuesIncludingHugeLogits() {
        LossAndGradient loss = SigmoidCrossEntropy.of(row(0, 800, -800, 3), row(1, 1, 1, 0), row(1, 1, 1, 0), 1);

        // log 2 + 0 + 800, the last element weighted out
        assertThat(loss.value()).isCloseTo(Math.log(2) + 800, within(1e-9));
        assertThat(loss.gradient().toDoubleVector()).containsExactly(new double[] {-0.5, 0, -1, 0}, within(1e-12));
    }

    @Test
    void sigmoidCrossEntropyGradientMatchesFiniteDifferences() {
        INDArray logits = Nd4j.randn(DataType.DOUBLE, 3, 5).mul(3);
        INDArray targets = Nd4j.rand(DataType.DOUBLE, 3, 5).gt(0.5).castTo(DataType.DOUBLE);
        INDArray weights = Nd4j.rand(DataType.DOUBLE, 3, 5).gt(0.3).castTo(DataType.DOUBLE);

        LossAndGradient loss = SigmoidCrossEntropy.of(logits, targets, weights, 7);

        GradientCheck.assertMatches(x -> SigmoidCrossEntropy.of(x, targets, weights, 7).value(), logits,
                loss.gradient(), 1e-8);
    }

    @Test
    void smoothL1IsQuadraticInsideBetaAndLinearOutside() {
        LossAndGradient loss = SmoothL1.of(row(0.05, 2, -3), row(0, 0, 0), row(1, 1, 1), 0.1, 2);

        // 0.5 * 0.05^2 / 0.1 + (2 - 0.05) + (3 - 0.05), halved
        assertThat(loss.value()).isCloseTo((0.0125 + 1.95 + 2.95) / 2, within(1e-12));
        assertThat(loss.gradient().toDoubleVector()).containsExactly(new double[] {0.25, 0.5, -0.5}, within(1e-12));
        assertThat(SmoothL1.of(row(0.05, -2), row(0, 0), row(1, 1), 0, 1).value()).isCloseTo(2.05, within(1e-12));
    }

    @Test
    void smoothL1GradientMatchesFiniteDifferencesAwayFromTheKink() {
        // differences of about +-0.5 and +-2, far from |d| = beta = 1
        INDArray predicted = Nd4j.create(new double[][] {{0.4, -0.6, 2.1, -1.9}, {0.5, 2.5, -0.3, -2.2}});
        INDArray targets = Nd4j.zeros(DataType.DOUBLE, 2, 4);
        INDArray weights = Nd4j.create(new double[][] {{1, 1, 1, 1}, {1, 0, 1, 1}});

        LossAndGradient loss = SmoothL1.of(predicted, targets, weights, 1, 3);

        GradientCheck.assertMatches(x -> SmoothL1.of(x, targets, weights, 1, 3).value(), predicted, loss.gradient(),
                1e-8);
        assertThat(loss.gradient().getDouble(1, 1)).isZero();
    }

    @Test
    void softmaxCrossEntropyOfUniformLogitsIsLogKAndItsGradientMatches() {
        assertThat(SoftmaxCrossEntropyLoss.of(Nd4j.zeros(DataType.DOUBLE, 2, 4), new int[] {0, 3}).value())
                .isCloseTo(Math.log(4), within(1e-12));
        INDArray logits = Nd4j.randn(DataType.DOUBLE, 4, 3).mul(2);
        int[] labels = {0, 2, 1, 2};

        LossAndGradient loss = SoftmaxCrossEntropyLoss.of(logits, labels);

        GradientCheck.assertMatches(x -> SoftmaxCrossEntropyLoss.of(x, labels).value(), logits, loss.gradient(), 1e-8);
        assertThatThrownBy(() -> SoftmaxCrossEntropyLoss.of(logits, new int[] {0, 3, 1, 1}))
                .hasMessageContaining("label 3 of row 1 is not in 0..2");
    }
}
