package dev.hourglass.detection.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.trainer.model.ResNetArchitecture;
import dev.hourglass.trainer.model.ResNetGraph;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ResNetCheckpointWeightsTest {

    @Test
    void theBackboneComputesTheTrainedResNetsStagesInInferenceMode() {
        ResNetArchitecture architecture = new ResNetArchitecture("resnet-tiny", ResNetArchitecture.Block.BOTTLENECK,
                true, 2, List.of(1, 2, 1, 1), List.of(2, 4, 8, 16), 32, true);
        ComputationGraph resnet = ResNetGraph.build(architecture, 32, 5, 3).network();
        // as if trained: no zero gammas, BN statistics away from 0 and 1
        for (Layer layer : resnet.getLayers()) {
            for (Map.Entry<String, INDArray> parameter : layer.paramTable().entrySet()) {
                INDArray value = parameter.getValue();
                switch (parameter.getKey()) {
                    case "gamma", "var" -> value.assign(Nd4j.rand(DataType.FLOAT, value.shape()).addi(0.5));
                    case "log10stdev" -> value.assign(Nd4j.rand(DataType.FLOAT, value.shape()).subi(0.5));
                    case "beta", "mean" -> value.assign(Nd4j.randn(DataType.FLOAT, value.shape()).muli(0.2));
                    default -> { }
                }
            }
        }
        ResNetFpnBackbone backbone = new ResNetFpnBackbone(new int[] {1, 2, 1, 1}, 2, 4, DataType.FLOAT, 1);

        ResNetCheckpointWeights.copy(resnet, backbone);

        INDArray images = Nd4j.randn(DataType.FLOAT, 2, 3, 64, 64);
        Map<String, INDArray> activations = resnet.feedForward(images, false);
        List<INDArray> stages = backbone.stages(images);
        List<String> stageOutputs = List.of("s1b1_relu", "s2b2_relu", "s3b1_relu", "s4b1_relu");
        for (int s = 0; s < 4; s++) {
            INDArray expected = activations.get(stageOutputs.get(s));
            assertThat(stages.get(s).shape()).as("C%d", s + 2).containsExactly(expected.shape());
            double scale = expected.amaxNumber().doubleValue();
            assertThat(stages.get(s).sub(expected).amaxNumber().doubleValue()).as("C%d", s + 2)
                    .isLessThan(1e-5 * scale);
        }
    }

    @Test
    void layerNamesFollowResNetGraph() {
        assertThat(ResNetCheckpointWeights.dl4jPrefix("stem/conv")).isEqualTo("stem");
        assertThat(ResNetCheckpointWeights.dl4jPrefix("res3/block1/conv2")).isEqualTo("s2b2_2");
        assertThat(ResNetCheckpointWeights.dl4jPrefix("res2/block0/shortcut/bn")).isEqualTo("s1b1_proj");
    }
}
