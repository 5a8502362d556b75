package dev.hourglass.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The paper's Mask R-CNN numbers (Section 5.5, Table 5). */
class MaskRcnnRecipeTest {

    @Test
    void kn2RunsAtPoint0025For1point28MIterations() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("mask-rcnn-r50-fpn", 2));

        assertThat(plan.perGpuBatch()).isEqualTo(2);
        assertThat(plan.k()).isEqualTo(1);
        assertThat(plan.peakLr()).isEqualTo(0.0025);
        assertThat(plan.totalIterations()).isEqualTo(1_280_000);
        assertThat(plan.schedule()).singleElement().satisfies(step -> {
            assertThat(step.iteration()).isEqualTo(960_000);
            assertThat(step.lr()).isEqualTo(0.00025);
        });
    }

    @Test
    void kn16RunsAtPoint02For160kIterationsDividedAt120k() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("mask-rcnn-r50-fpn", 16));

        assertThat(plan.k()).isEqualTo(8);
        assertThat(plan.nodes()).isEqualTo(1);
        assertThat(plan.peakLr()).isEqualTo(0.02);
        assertThat(plan.totalIterations()).isEqualTo(160_000);
        assertThat(plan.schedule()).singleElement().satisfies(step -> {
            assertThat(step.iteration()).isEqualTo(120_000);
            assertThat(step.lr()).isEqualTo(0.002);
        });
        assertThat(plan.learningRateAt(119_999)).isEqualTo(0.02);
        assertThat(plan.learningRateAt(120_000)).isEqualTo(0.002);
    }

    @Test
    void warmupIsLinearOver500IterationsFromAThirdOfTheRate() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("mask-rcnn-r50-fpn", 16));

        assertThat(plan.warmup().kind()).isEqualTo(WarmupKind.GRADUAL);
        assertThat(plan.warmup().iterations()).isEqualTo(500);
        assertThat(plan.warmup().startLr()).isCloseTo(0.02 / 3, within(1e-12));
        assertThat(plan.learningRateAt(0)).isCloseTo(0.02 / 3, within(1e-12));
        assertThat(plan.learningRateAt(250)).isCloseTo((0.02 / 3 + 0.02) / 2, within(1e-12));
        assertThat(plan.learningRateAt(500)).isEqualTo(0.02);
    }

    @Test
    void theMiddleRowsOfTableFiveScaleLinearly() {
        assertThat(RecipePlanner.plan(RecipeRequest.of("mask-rcnn-r50-fpn", 4)).peakLr()).isEqualTo(0.005);
        assertThat(RecipePlanner.plan(RecipeRequest.of("mask-rcnn-r50-fpn", 4)).totalIterations()).isEqualTo(640_000);
        assertThat(RecipePlanner.plan(RecipeRequest.of("mask-rcnn-r50-fpn", 8)).peakLr()).isEqualTo(0.01);
        assertThat(RecipePlanner.plan(RecipeRequest.of("mask-rcnn-r50-fpn", 8)).totalIterations()).isEqualTo(320_000);
    }

    @Test
    void aboveSixteenImagesThePlatformWarns() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("mask-rcnn-r50-fpn", 64));

        assertThat(plan.k()).isEqualTo(32);
        assertThat(plan.nodes()).isEqualTo(4);
        assertThat(plan.warnings()).singleElement().asString().contains("16");
    }

    @Test
    void theResNetRegimeOfKnOverNDoesNotApplyToMaskRcnn() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("mask-rcnn-small", 16));

        assertThat(plan.datasetSize() / plan.kn()).as("kn/N = 1/32").isEqualTo(32);
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void aSmallerDatasetKeepsTheScheduleInEpochsAndWarmsUpOverItsFirstTenth() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("mask-rcnn-small", 16));

        assertThat(plan.datasetSize()).isEqualTo(BuiltInDataset.GENERATED_COCO.trainImages());
        // 2.56M images on COCO's 118,287 are 21.6 epochs; of 512 images at kn=16 that is 693 iterations
        assertThat(plan.totalIterations()).isEqualTo(693);
        assertThat(plan.epochs()).isCloseTo(21.6, within(0.1));
        assertThat(plan.schedule()).singleElement().satisfies(step -> assertThat(step.iteration()).isEqualTo(520));
        assertThat(plan.warmup().iterations()).isEqualTo(69);
        assertThat(RecipePlanner.plan(RecipeRequest.of("mask-rcnn-r50-fpn", 16)).warmup().iterations())
                .as("COCO keeps the paper's 500").isEqualTo(500);
    }
}
