package dev.hourglass.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.trainer.engine.Nd4jCpuRuntime;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ResNetGraphTest {

    @BeforeAll
    static void cpuBackend() {
        Nd4jCpuRuntime.configure();
    }

    @Test
    void resnet50HasTheBottleneckNetworksParameterCountAndClassifiesImageNetSizeInput() {
        ComputationGraph network = ResNetGraph.build(Networks.resnet("resnet50"), 224, 1000, 1).network();
        ParameterLayout layout = ParameterLayout.of(network);

        // 25,557,032 trainable parameters (He et al. 2016's ResNet-50), plus BN's running mean and deviation
        assertThat(layout.length() - layout.count(ParameterRole.BN_RUNNING_STATISTIC)).isEqualTo(25_557_032L);
        assertThat(layout.count(ParameterRole.BIAS)).as("only the classifier has a bias").isEqualTo(1000);
        INDArray out = network.outputSingle(false, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3, 224, 224));
        assertThat(out.shape()).containsExactly(1, 1000);
        assertThat(out.sumNumber().doubleValue()).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-4));
    }

    @Test
    void theLastBnOfEveryResidualBlockStartsWithGammaZeroAndTheClassifierFromNormalOneHundredth() {
        ComputationGraph network = ResNetGraph.build(Networks.resnet("resnet20"), 32, 10, 1).network();

        for (int stage = 1; stage <= 3; stage++) {
            for (int block = 1; block <= 3; block++) {
                String last = "s" + stage + "b" + block + "_2_bn";
                assertThat(network.getLayer(last).getParam("gamma").maxNumber().doubleValue()).as(last).isZero();
                assertThat(network.getLayer("s" + stage + "b" + block + "_1_bn").getParam("gamma").minNumber()
                        .doubleValue()).isEqualTo(1.0);
            }
        }
        INDArray classifier = network.getLayer(ResNetGraph.OUTPUT).getParam("W");
        assertThat(classifier.stdNumber().doubleValue()).isBetween(0.008, 0.012);
        assertThat(network.getLayer(ResNetGraph.OUTPUT).getParam("b").maxNumber().doubleValue()).isZero();
        assertThat(network.outputSingle(false, Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 32, 32))
                .shape()).containsExactly(2, 10);
    }

    @Test
    void theSameSeedGivesIdenticalReplicasAndTheLayoutCoversTheFlatVector() {
        ComputationGraph a = ResNetGraph.build(Networks.resnet("resnet8"), 32, 8, 7).network();
        ComputationGraph b = ResNetGraph.build(Networks.resnet("resnet8"), 32, 8, 7).network();

        assertThat(a.params()).isEqualTo(b.params());
        ParameterLayout layout = ParameterLayout.of(a);
        assertThat(layout.length()).isEqualTo(a.params().length());
        assertThat(layout.segments()).extracting(ParameterLayout.Segment::name)
                .contains("stem_conv_W", "stem_bn_gamma", "stem_bn_mean", "fc_W", "fc_b");
        ParameterLayout.Segment gamma = layout.segments().stream().filter(s -> s.name().equals("stem_bn_gamma"))
                .findFirst().orElseThrow();
        assertThat(gamma.role()).isEqualTo(ParameterRole.BN_GAMMA);
        assertThat(gamma.of(a.params())).isEqualTo(a.getLayer("stem_bn").getParam("gamma").reshape(gamma.length()));
    }

    @Test
    void anUnknownModelNamesTheKnownOnes() {
        assertThatThrownBy(() -> Networks.resnet("resnet18"))
                .hasMessage("model 'resnet18' is not a ResNet this trainer builds; known: resnet101, resnet20, resnet50, resnet8");
    }
}
