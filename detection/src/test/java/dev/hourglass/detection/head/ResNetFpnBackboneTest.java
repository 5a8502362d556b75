package dev.hourglass.detection.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.GradientCheck;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

@Tag("model")
class ResNetFpnBackboneTest {

    @Test
    void resnet50GivesP2ToP6Of256ChannelsAtStrides4To64AndTrainsNoBatchNorm() {
        ResNetFpnBackbone backbone = ResNetFpnBackbone.resnet50(256, DataType.FLOAT, 1);

        List<INDArray> pyramid = backbone.forward(Nd4j.rand(DataType.FLOAT, 1, 3, 64, 64));

        assertThat(backbone.strides()).containsExactly(4, 8, 16, 32, 64);
        assertThat(pyramid).hasSize(5);
        for (int level = 0; level < 5; level++) {
            long side = 64 / backbone.strides()[level];
            assertThat(pyramid.get(level).shape()).as("P%d", level + 2).containsExactly(1, 256, side, side);
        }
        // the stem, 16 blocks of three convolutions, 4 projections; 4 laterals and 4 output convolutions with bias
        Map<String, INDArray> parameters = backbone.parameters();
        assertThat(parameters).hasSize(1 + 16 * 3 + 4 + 2 * 8);
        assertThat(parameters.keySet()).allMatch(name -> name.endsWith("/w") || name.endsWith("/b"));
        assertThat(backbone.frozenAffines()).hasSize(1 + 16 * 3 + 4).containsKey("backbone/res3/block0/shortcut/bn");
        assertThat(parameters.keySet()).noneMatch(name -> name.contains("/bn"));
        // ResNet-50 without its classifier has 23.5M weights; FPN's 256-channel convolutions add 3.3M
        long weights = parameters.entrySet().stream().filter(e -> e.getKey().startsWith("backbone/"))
                .mapToLong(e -> e.getValue().length()).sum();
        assertThat(weights).isEqualTo(23_454_912);
        assertThat(parameters.get("backbone/res5/block0/conv2/w").shape()).containsExactly(3, 3, 512, 512);
    }

    @Test
    void backwardThroughBottlenecksFrozenAffinesPoolingAndP6MatchesFiniteDifferences() {
        ResNetFpnBackbone backbone = new ResNetFpnBackbone(new int[] {1, 2, 1, 1}, 2, 3, DataType.DOUBLE, 3);
        // away from the fresh start (identity affines, zero last convolutions) so that every path carries gradient
        long seed = 10;
        for (INDArray[] affine : backbone.frozenAffines().values()) {
            affine[0].assign(Nd4j.rand(DataType.DOUBLE, affine[0].shape()).addi(0.5));
            affine[1].assign(Nd4j.randn(DataType.DOUBLE, affine[1].shape()).muli(0.1));
        }
        backbone.parameters().forEach((name, value) -> {
            if (name.endsWith("/conv3/w")) {
                value.assign(Nd4j.randn(DataType.DOUBLE, value.shape()).muli(0.3));
            }
        });
        INDArray images = Nd4j.randn(DataType.DOUBLE, 1, 3, 64, 64);
        List<INDArray> pyramid = backbone.forward(images);
        List<INDArray> r = pyramid.stream().map(p -> Nd4j.randn(DataType.DOUBLE, p.shape())).toList();
        DoubleSupplier loss = () -> {
            List<INDArray> out = backbone.forward(images);
            double sum = 0;
            for (int level = 0; level < out.size(); level++) {
                sum += out.get(level).mul(r.get(level)).sumNumber().doubleValue();
            }
            return sum;
        };

        HeadGradients gradients = backbone.backward(images, r);

        GradientCheck.assertMatchesAt(loss, images, gradients.inputs().get(0), 1e-5, 2, 1);
        // under the max pool, inside a block and its shortcut, C5's lateral (reaching P6 and, upsampled, P2)
        for (String name : List.of("backbone/stem/conv/w", "backbone/res3/block1/conv2/w",
                "backbone/res4/block0/shortcut/conv/w", "backbone/res5/block0/conv3/w", "fpn/lateral5/w",
                "fpn/output5/b")) {
            assertThat(gradients.parameters().get(name).amaxNumber().doubleValue()).as(name).isPositive();
            GradientCheck.assertMatchesAt(loss, backbone.parameters().get(name), gradients.parameters().get(name),
                    1e-5, 2, seed++);
        }
        assertThat(gradients.parameters()).containsOnlyKeys(backbone.parameters().keySet());
    }
}
