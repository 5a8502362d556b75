package dev.hourglass.detection.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.detection.head.ResNetCheckpointWeights;
import dev.hourglass.detection.head.ResNetFpnBackbone;
import dev.hourglass.trainer.model.ResNetArchitecture;
import dev.hourglass.trainer.model.ResNetGraph;
import dev.hourglass.trainer.replica.ReplicaState;
import dev.hourglass.trainer.worker.Checkpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A classification job's checkpoint as the start of a Mask R-CNN's ResNet-FPN backbone. */
class ResNetCheckpointForDetectionTest {

    @TempDir
    Path dir;

    @Test
    void theBackboneTakesTheCheckpointsConvolutionWeights() throws IOException {
        ResNetArchitecture architecture = new ResNetArchitecture("resnet-tiny", ResNetArchitecture.Block.BOTTLENECK,
                true, 2, List.of(1, 1, 1, 1), List.of(2, 4, 8, 16), 32, true);
        ComputationGraph trained = ResNetGraph.build(architecture, 32, 5, 11).network();
        float[] flat = trained.params().toFloatVector();
        new Checkpoints(dir, 0).save(100, 1, List.of(new ReplicaState(flat, new float[flat.length])));
        Path file = dir.resolve("rank-0").resolve("iteration-000000100.ckpt");
        ResNetFpnBackbone backbone = new ResNetFpnBackbone(new int[] {1, 1, 1, 1}, 2, 4, DataType.FLOAT, 1);

        ResNetCheckpointWeights.copyFromCheckpoint(file, architecture, backbone);

        INDArray expected = trained.getLayer("s3b1_2_conv").getParam("W").permute(2, 3, 1, 0);
        INDArray copied = backbone.parameters().get("backbone/res4/block0/conv2/w");
        assertThat(copied.shape()).containsExactly(3, 3, 8, 8);
        assertThat(copied.equals(expected)).as("the copy equals DL4J's weights, transposed").isTrue();
        ResNetArchitecture deeper = new ResNetArchitecture("resnet-deeper", ResNetArchitecture.Block.BOTTLENECK,
                true, 2, List.of(1, 2, 1, 1), List.of(2, 4, 8, 16), 32, true);
        assertThatThrownBy(() -> ResNetCheckpointWeights.copyFromCheckpoint(file, deeper,
                new ResNetFpnBackbone(new int[] {1, 2, 1, 1}, 2, 4, DataType.FLOAT, 1)))
                .hasMessageContaining("which no resnet-deeper classifier has");
    }
}
