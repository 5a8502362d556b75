package dev.hourglass.detection.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.model.MaskRcnnConfig;
import dev.hourglass.detection.training.MaskRcnnReplica;
import dev.hourglass.protocol.CheckpointFiles;
import dev.hourglass.recipe.RecipeOverrides;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import dev.hourglass.trainer.model.Networks;
import dev.hourglass.trainer.model.ResNetGraph;
import dev.hourglass.trainer.replica.ReplicaState;
import dev.hourglass.trainer.worker.Checkpoints;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A {@code mask-rcnn-r50-fpn} job whose backbone starts from the newest checkpoint of an earlier ResNet-50 job. */
@Tag("model")
class BackboneFromResNetJobTest {

    @TempDir
    Path checkpoints;

    @Test
    void theReplicaStartsFromTheResNetJobsNewestCheckpointWhateverItsClasses() throws Exception {
        ComputationGraph early = ResNetGraph.build(Networks.resnet("resnet50"), 32, 8, 1).network();
        ComputationGraph late = ResNetGraph.build(Networks.resnet("resnet50"), 32, 8, 2).network();
        new Checkpoints(checkpoints, 0).save(25, 1, List.of(state(early)));
        new Checkpoints(checkpoints, 0).save(50, 1, List.of(state(late)));
        RecipePlan plan = RecipePlanner.plan(new RecipeRequest("mask-rcnn-r50-fpn", 2, 2, 1, 8L,
                RecipeOverrides.none()));

        Path newest = CheckpointFiles.newest(checkpoints, 0).orElseThrow();
        MaskRcnnReplica replica = MaskRcnnReplica.create(MaskRcnnConfig.resnet50Fpn(3), 7, plan, newest);

        assertThat(newest.getFileName()).hasToString("iteration-000000050.ckpt");
        assertThat(CheckpointFiles.newest(checkpoints.resolve("elsewhere"), 0)).isEmpty();
        INDArray expected = late.getLayer("s3b1_2_conv").getParam("W").permute(2, 3, 1, 0);
        assertThat(replica.model().parameters().get("backbone/res4/block0/conv2/w").equals(expected))
                .as("res4's first 3x3 convolution is the ResNet-50's").isTrue();
        float[] flat = replica.state().parameters();
        INDArray concatenated = Nd4j.concat(0, replica.model().parameters().values().stream()
                .map(p -> p.reshape(p.length())).toArray(INDArray[]::new));
        assertThat(Arrays.equals(flat, concatenated.toFloatVector()))
                .as("the flat buffer the allreduce and SGD work on holds the loaded weights").isTrue();
    }

    private static ReplicaState state(ComputationGraph network) {
        float[] parameters = network.params().toFloatVector();
        return new ReplicaState(parameters, new float[parameters.length]);
    }
}
