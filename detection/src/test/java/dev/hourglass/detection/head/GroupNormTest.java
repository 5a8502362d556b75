package dev.hourglass.detection.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.GradientCheck;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class GroupNormTest {

    private static final String INPUT = "x";
    private static final String OUTPUT = "y";

    private static ExternalGradientGraph groupNorm(int channels, int groups) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder(INPUT, DataType.DOUBLE, -1, channels, -1, -1);
        // SameDiff differentiates only ops that depend on a variable; in a model a convolution comes first
        SDVariable features = x.mul(sd.var("in/scale", Nd4j.ones(DataType.DOUBLE, 1, channels, 1, 1)));
        GroupNorm.apply(sd, "gn", features, channels, groups, DataType.DOUBLE).rename(OUTPUT);
        return new ExternalGradientGraph(sd, List.of(INPUT), List.of(OUTPUT), new int[] {4});
    }

    @Test
    void eachImagesGroupComesOutWithMeanZeroAndVarianceOne() {
        ExternalGradientGraph graph = groupNorm(6, 2);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 6, 5, 4).muli(3).addi(7);
        x.get(NDArrayIndex.point(1)).muli(10);

        INDArray y = graph.forward(Map.of(INPUT, x)).get(OUTPUT);

        for (int image = 0; image < 2; image++) {
            for (int group = 0; group < 2; group++) {
                INDArray values = y.get(NDArrayIndex.point(image), NDArrayIndex.interval(3 * group, 3 * group + 3));
                assertThat(values.meanNumber().doubleValue()).isCloseTo(0, within(1e-9));
                assertThat(values.varNumber().doubleValue() * (values.length() - 1) / values.length())
                        .isCloseTo(1, within(1e-4));
            }
        }
    }

    @Test
    void backwardMatchesFiniteDifferencesForInputScaleAndShift() {
        ExternalGradientGraph graph = groupNorm(4, 2);
        INDArray x = Nd4j.randn(DataType.DOUBLE, 2, 4, 3, 3);
        graph.parameters().get("gn/gamma").assign(Nd4j.randn(DataType.DOUBLE, 1, 4));
        graph.parameters().get("gn/beta").assign(Nd4j.randn(DataType.DOUBLE, 1, 4));
        INDArray r = Nd4j.randn(DataType.DOUBLE, 2, 4, 3, 3);
        DoubleSupplier loss = () -> graph.forward(Map.of(INPUT, x)).get(OUTPUT).mul(r).sumNumber().doubleValue();

        HeadGradients gradients = graph.stageGradients(Map.of(INPUT, x), Map.of(OUTPUT, r));

        GradientCheck.assertMatchesAt(loss, x, gradients.inputs().get(0), 1e-6, x.length(), 1);
        for (String name : List.of("gn/gamma", "gn/beta")) {
            GradientCheck.assertMatchesAt(loss, graph.parameters().get(name), gradients.parameters().get(name), 1e-6,
                    4, 2);
        }
    }

    @Test
    void channelsThatDoNotSplitIntoTheGroupsAreRefused() {
        assertThatThrownBy(() -> groupNorm(6, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6 channels do not split into 4 groups");
    }
}
