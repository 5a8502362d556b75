package dev.hourglass.trainer.detection.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences of a scalar function of one double array, element by element, against a gradient. */
final class GradientCheck {

    private GradientCheck() {
    }

    static void assertMatches(ToDoubleFunction<INDArray> loss, INDArray x, INDArray analytic, double tolerance) {
        assertThat(analytic.shape()).containsExactly(x.shape());
        double eps = 1e-6;
        INDArray flatX = x.reshape(x.length());
        INDArray flatGradient = analytic.reshape(analytic.length());
        for (long i = 0; i < x.length(); i++) {
            double original = flatX.getDouble(i);
            flatX.putScalar(i, original + eps);
            double plus = loss.applyAsDouble(x);
            flatX.putScalar(i, original - eps);
            double minus = loss.applyAsDouble(x);
            flatX.putScalar(i, original);
            assertThat(flatGradient.getDouble(i)).as("d loss / d x[%d]", i)
                    .isCloseTo((plus - minus) / (2 * eps), within(tolerance));
        }
    }
}
