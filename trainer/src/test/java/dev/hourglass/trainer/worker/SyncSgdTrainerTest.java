package dev.hourglass.trainer.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.protocol.MetricPoint;
import dev.hourglass.recipe.LrStep;
import dev.hourglass.recipe.RecipeOverrides;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import dev.hourglass.trainer.data.GeneratedImageSet;
import dev.hourglass.trainer.model.Networks;
import dev.hourglass.trainer.model.ResNetArchitecture;
import dev.hourglass.trainer.replica.ReplicaState;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distributed update is single-worker large-batch SGD: the loss divided by kn, the plain sum of the
 * allreduce, the recipe's schedule and the momentum correction together give the same parameters whether
 * kn=16 runs as 2 ranks x 2 replicas x 4 images or as 1 rank x 1 replica x 16 images.
 */
class SyncSgdTrainerTest {

    private static final int IMAGE_SIZE = 8;
    private static final int TRAIN_PER_CLASS = 8; // 64 images: 4 iterations of kn=16 per epoch
    private static final long SEED = 42;

    @TempDir
    static Path shared;
    static Path dataset;

    @TempDir
    Path work;

    @BeforeAll
    static void writeDataset() throws Exception {
        dataset = GeneratedImageSet.write(shared.resolve("generated"), TRAIN_PER_CLASS, 2, IMAGE_SIZE, 7);
    }

    /**
     * kn=16 for 3 epochs (12 iterations) at eta=0.1 (base rate 1.6 per 256 images, so that 12 iterations move the
     * parameters visibly), divided by 10 at iterations 4, 8 and 11: each change rescales the momentum.
     */
    private static RecipePlan plan(int perGpuBatch) {
        RecipeOverrides baseRate = new RecipeOverrides(1.6, null, null, null, null, null, null, null);
        return RecipePlanner.plan(new RecipeRequest("resnet8", 16, perGpuBatch, 3, (long) 8 * TRAIN_PER_CLASS, baseRate));
    }

    @Test
    void twoRanksOfTwoReplicasEqualOneReplicaWithTheWholeMinibatch() throws Exception {
        ResNetArchitecture noBatchNorm = Networks.resnet("resnet8").withoutBatchNorm();
        RecipePlan distributed = plan(4);
        RecipePlan single = plan(16);
        assertThat(distributed.k()).isEqualTo(4);
        assertThat(single.k()).isEqualTo(1);
        assertThat(distributed.schedule()).extracting(LrStep::iteration).containsExactly(4L, 8L, 11L);
        assertThat(distributed.momentumCorrectionAt(4)).isCloseTo(0.1, within(1e-12));

        ReplicaState oneByOne = LocalJob.resnet(single, noBatchNorm, dataset, IMAGE_SIZE, 1, 1, work.resolve("1x1"), SEED)
                .trainUntil(12).first();
        LocalJob.Outcome twoByTwo = LocalJob.resnet(distributed, noBatchNorm, dataset, IMAGE_SIZE, 2, 2,
                work.resolve("2x2"), SEED).trainUntil(12);

        ReplicaState initial = LocalJob.resnet(single, noBatchNorm, dataset, IMAGE_SIZE, 1, 1, work.resolve("none"), SEED)
                .trainUntil(0).first();
        double moved = LocalJob.maxAbsDifference(initial.parameters(), oneByOne.parameters());
        assertThat(moved).as("training moved the parameters").isGreaterThan(0.05);
        for (List<ReplicaState> rank : twoByTwo.replicas()) {
            for (ReplicaState replica : rank) {
                assertThat(LocalJob.maxAbsDifference(replica.parameters(), oneByOne.parameters()))
                        .as("every replica of the 2x2 run equals the 1x1 run to float rounding")
                        .isLessThan(1e-3 * moved);
                assertThat(LocalJob.maxAbsDifference(replica.momentum(), oneByOne.momentum())).isLessThan(1e-3 * moved);
            }
        }
    }

    @Test
    void resumingFromACheckpointEqualsTheUninterruptedRun() throws Exception {
        ResNetArchitecture withBatchNorm = Networks.resnet("resnet8");
        RecipePlan plan = plan(8);
        LocalJob.Outcome uninterrupted = LocalJob.resnet(plan, withBatchNorm, dataset, IMAGE_SIZE, 1, 2,
                work.resolve("straight"), SEED).trainUntil(12);

        LocalJob<?, ?> interrupted = LocalJob.resnet(plan, withBatchNorm, dataset, IMAGE_SIZE, 1, 2, work.resolve("resumed"), SEED);
        interrupted.trainUntil(6); // stops mid-epoch; the newest checkpoint is the end of epoch 1 (iteration 4)
        LocalJob.Outcome resumed = interrupted.trainUntil(12);

        assertThat(resumed.resumedAt()).isEqualTo(4);
        for (int r = 0; r < 2; r++) {
            assertThat(resumed.replicas().get(0).get(r).parameters())
                    .as("replica %d's parameters, BN statistics included", r)
                    .containsExactly(uninterrupted.replicas().get(0).get(r).parameters());
            assertThat(resumed.replicas().get(0).get(r).momentum())
                    .containsExactly(uninterrupted.replicas().get(0).get(r).momentum());
        }
        List<MetricPoint> losses = interrupted.metrics("train.loss");
        assertThat(losses).extracting(MetricPoint::iteration)
                .as("the replayed iterations 4 and 5 are not written twice").containsExactly(0L, 1L, 2L, 3L, 4L, 5L,
                        6L, 7L, 8L, 9L, 10L, 11L);
    }

    @Test
    void aRunThatDivergesStopsOnEveryRankNamingTheIterationAndTheRate() {
        RecipeOverrides absurdRate = new RecipeOverrides(100.0, null, null, null, null, null, null, null);
        RecipePlan diverging = RecipePlanner.plan(new RecipeRequest("resnet8", 16, 8, 3, (long) 8 * TRAIN_PER_CLASS,
                absurdRate));

        assertThatThrownBy(() -> LocalJob.resnet(diverging, Networks.resnet("resnet8").withoutBatchNorm(), dataset,
                IMAGE_SIZE, 2, 1, work.resolve("diverging"), SEED).trainUntil(12))
                .hasRootCauseInstanceOf(DivergenceGuard.TrainingDiverged.class)
                .rootCause().hasMessageMatching("the training loss (became (NaN|Infinity)|rose to .*) at iteration \\d+"
                        + " \\(learning rate .*\\).*");
    }
}
