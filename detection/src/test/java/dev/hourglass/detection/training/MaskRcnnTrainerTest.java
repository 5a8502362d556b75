package dev.hourglass.detection.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.coco.GeneratedCocoSet;
import dev.hourglass.detection.model.MaskRcnnConfig;
import dev.hourglass.protocol.MetricPoint;
import dev.hourglass.recipe.LrStep;
import dev.hourglass.recipe.RecipeOverrides;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import dev.hourglass.trainer.replica.ReplicaState;
import dev.hourglass.trainer.worker.LocalJob;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mask R-CNN on the same synchronous SGD as the ResNets: the same kn split as 2 ranks x 2 devices x 1 image or as
 * 1 rank x 1 device x 4 images gives the same parameters (each image's loss normalised by its own samples, the sum
 * divided by kn), and the job writes its loss terms and its box and mask AP.
 */
class MaskRcnnTrainerTest {

    private static final int TRAIN_IMAGES = 8; // 2 iterations of kn=4 per epoch
    private static final int IMAGE_SIZE = 32;
    private static final long SEED = 5;
    private static final MaskRcnnConfig CONFIG = MaskRcnnConfig.tiny(GeneratedCocoSet.CLASSES.size());

    @TempDir
    static Path shared;
    static Path dataset;

    @TempDir
    Path work;

    @BeforeAll
    static void writeDataset() throws Exception {
        dataset = GeneratedCocoSet.write(shared.resolve("generated-coco"), TRAIN_IMAGES, 2, IMAGE_SIZE, 3);
    }

    /** kn=4 for 2 epochs (4 iterations), warmup over the first, eta divided by 10 at iteration 3 (3/4 of them). */
    private static RecipePlan plan(int perGpuBatch) {
        RecipeOverrides overrides = new RecipeOverrides(0.4, null, null, null, 1L, null, null, null);
        return RecipePlanner.plan(new RecipeRequest("mask-rcnn-small", 4, perGpuBatch, 2, (long) TRAIN_IMAGES,
                overrides));
    }

    @Test
    void twoRanksOfTwoDevicesEqualOneDeviceWithTheWholeMinibatch() throws Exception {
        RecipePlan distributed = plan(1);
        RecipePlan single = plan(4);
        assertThat(distributed.k()).isEqualTo(4);
        assertThat(single.k()).isEqualTo(1);
        assertThat(distributed.schedule()).extracting(LrStep::iteration).containsExactly(3L);

        var oneByOneJob = LocalMaskRcnnJob.of(single, CONFIG, dataset, 1, 1, work.resolve("1x1"), SEED);
        ReplicaState oneByOne = oneByOneJob.trainUntil(4).first();
        LocalJob.Outcome twoByTwo = LocalMaskRcnnJob.of(distributed, CONFIG, dataset, 2, 2, work.resolve("2x2"), SEED)
                .trainUntil(4);
        ReplicaState initial = LocalMaskRcnnJob.of(single, CONFIG, dataset, 1, 1, work.resolve("none"), SEED)
                .trainUntil(0).first();

        double moved = LocalJob.maxAbsDifference(initial.parameters(), oneByOne.parameters());
        assertThat(moved).as("training moved the parameters").isGreaterThan(1e-3);
        for (List<ReplicaState> rank : twoByTwo.replicas()) {
            for (ReplicaState replica : rank) {
                assertThat(LocalJob.maxAbsDifference(replica.parameters(), oneByOne.parameters()))
                        .as("every replica of the 2x2 run equals the 1x1 run to float rounding (moved %s)", moved)
                        .isLessThan(1e-3 * moved);
                assertThat(LocalJob.maxAbsDifference(replica.momentum(), oneByOne.momentum())).isLessThan(1e-3 * moved);
            }
        }

        assertThat(oneByOneJob.metrics("train.loss")).extracting(MetricPoint::iteration)
                .containsExactly(0L, 1L, 2L, 3L);
        for (String term : List.of("train.loss_rpn_objectness", "train.loss_rpn_box", "train.loss_box_class",
                "train.loss_box_regression", "train.loss_mask")) {
            assertThat(oneByOneJob.metrics(term)).as(term).hasSize(4)
                    .allSatisfy(point -> assertThat(point.value()).isFinite().isGreaterThanOrEqualTo(0));
        }
        for (String ap : List.of("val.box_ap", "val.box_ap50", "val.mask_ap", "val.mask_ap50")) {
            assertThat(oneByOneJob.metrics(ap)).as("%s at the end of each epoch", ap)
                    .extracting(MetricPoint::iteration).containsExactly(1L, 3L);
            assertThat(oneByOneJob.metrics(ap)).allSatisfy(point -> assertThat(point.value()).isBetween(0.0, 1.0));
        }
    }
}
