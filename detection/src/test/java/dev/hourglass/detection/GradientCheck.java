package dev.hourglass.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences of a scalar function of a double array, element by element, against a gradient. */
public final class GradientCheck {

    private static final double EPS = 1e-6;

    private GradientCheck() {
    }

    /** Every element of {@code x}; {@code loss} is evaluated at x with one element moved. */
    public static void assertMatches(ToDoubleFunction<INDArray> loss, INDArray x, INDArray analytic,
            double tolerance) {
        assertMatchesAt(() -> loss.applyAsDouble(x), x, analytic, tolerance, x.length(), 0);
    }

    /**
     * At most {@code samples} elements of {@code x}, chosen at random with {@code seed}; {@code loss} reads x (a
     * live parameter, say) where it lies.
     */
    public static void assertMatchesAt(DoubleSupplier loss, INDArray x, INDArray analytic, double tolerance,
            long samples, long seed) {
        assertThat(analytic.shape()).containsExactly(x.shape());
        INDArray flatX = x.reshape(x.length());
        INDArray flatGradient = analytic.reshape(analytic.length());
        SplittableRandom random = new SplittableRandom(seed);
        boolean every = samples >= x.length();
        for (long k = 0; k < Math.min(samples, x.length()); k++) {
            long i = every ? k : random.nextLong(x.length());
            double original = flatX.getDouble(i);
            flatX.putScalar(i, original + EPS);
            double plus = loss.getAsDouble();
            flatX.putScalar(i, original - EPS);
            double minus = loss.getAsDouble();
            flatX.putScalar(i, original);
            assertThat(flatGradient.getDouble(i)).as("d loss / d x[%d]", i)
                    .isCloseTo((plus - minus) / (2 * EPS), within(tolerance));
        }
    }
}
