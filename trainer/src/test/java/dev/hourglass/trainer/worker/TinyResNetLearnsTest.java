package dev.hourglass.trainer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.protocol.MetricPoint;
import dev.hourglass.recipe.RecipeOverrides;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import dev.hourglass.trainer.data.GeneratedImageSet;
import dev.hourglass.trainer.model.Networks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole trainer on real images: ResNet-8 learns the generated set's 8 classes far below chance (87.5%). */
@Tag("learning")
class TinyResNetLearnsTest {

    private static final int TRAIN_PER_CLASS = 128;
    private static final int EPOCHS = 20;

    @TempDir
    Path dir;

    @Test
    void resnet8LearnsTheGeneratedShapesInAShortRun() throws Exception {
        Path dataset = GeneratedImageSet.write(dir.resolve("generated"), TRAIN_PER_CLASS, 32, GeneratedImageSet.SIZE, 3);
        // kn=32 on 2 replicas at eta=0.2 (base rate 1.6 per 256 images): with each block's last BN gamma at 0 the
        // network needs ~200 iterations at a brisk rate before the shapes show, and a short run decays early
        RecipePlan plan = RecipePlanner.plan(new RecipeRequest("resnet8", 32, 16, EPOCHS, (long) 8 * TRAIN_PER_CLASS,
                new RecipeOverrides(1.6, null, null, null, null, null, null, null)));
        var job = LocalJob.resnet(plan, Networks.resnet("resnet8"), dataset, GeneratedImageSet.SIZE, 1, 2,
                dir.resolve("run"), 11);

        job.trainUntil(plan.totalIterations());

        List<Double> validation = values(job.metrics("val.top1_error"));
        assertThat(validation).hasSize(EPOCHS);
        assertThat(validation.get(validation.size() - 1)).as("validation top-1 error after %d epochs: %s", EPOCHS,
                validation).isLessThan(0.5);
        List<Double> loss = values(job.metrics("train.loss"));
        assertThat(loss).hasSize((int) plan.totalIterations());
        assertThat(mean(loss.subList(loss.size() - 16, loss.size()))).isLessThan(mean(loss.subList(0, 16)) - 0.3);
    }

    private static List<Double> values(List<MetricPoint> points) {
        return points.stream().map(MetricPoint::value).toList();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
