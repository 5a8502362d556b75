package dev.hourglass.detection.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.GradientCheck;
import java.util.List;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SmallFpnBackboneTest {

    @Test
    void givesThreePyramidLevelsAtStrides4To16() {
        SmallFpnBackbone backbone = new SmallFpnBackbone(new int[] {8, 16, 24, 32}, 16, DataType.FLOAT, 1);

        List<INDArray> pyramid = backbone.forward(Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64));

        assertThat(pyramid.get(0).shape()).containsExactly(2, 16, 16, 16);
        assertThat(pyramid.get(1).shape()).containsExactly(2, 16, 8, 8);
        assertThat(pyramid.get(2).shape()).containsExactly(2, 16, 4, 4);
    }

    @Test
    void backwardThroughTheTopDownPathMatchesFiniteDifferences() {
        SmallFpnBackbone backbone = new SmallFpnBackbone(new int[] {2, 3, 3, 4}, 3, DataType.DOUBLE, 2);
        INDArray images = Nd4j.randn(DataType.DOUBLE, 1, 3, 16, 16);
        List<INDArray> pyramid = backbone.forward(images);
        List<INDArray> r = pyramid.stream().map(p -> Nd4j.randn(DataType.DOUBLE, p.shape())).toList();
        DoubleSupplier loss = () -> {
            List<INDArray> out = backbone.forward(images);
            double sum = 0;
            for (int level = 0; level < 3; level++) {
                sum += out.get(level).mul(r.get(level)).sumNumber().doubleValue();
            }
            return sum;
        };

        HeadGradients gradients = backbone.backward(images, r);

        GradientCheck.assertMatchesAt(loss, images, gradients.inputs().get(0), 1e-6, 2, 1);
        // the first stage (under everything), C4's lateral (twice upsampled into P2) and P2's output convolution;
        // one forward pass costs ~0.1-0.25 s here, so one element of each
        long seed = 2;
        for (String name : List.of("backbone/stage0/a/w", "fpn/lateral4/w", "fpn/lateral3/b", "fpn/output2/w")) {
            GradientCheck.assertMatchesAt(loss, backbone.parameters().get(name), gradients.parameters().get(name),
                    1e-6, 1, seed++);
        }
        // eight backbone convolutions with weights, GN scale and shift; three lateral convolutions with weights and
        // biases; three output convolutions with weights, biases, GN scale and shift
        assertThat(gradients.parameters()).hasSize(8 * 3 + 3 * 2 + 3 * 4);
    }
}
