package dev.hourglass.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The paper's ResNet-50 numbers (Goyal et al., Sections 2 and 5). */
class ResNetRecipeTest {

    private static final double EPS = 1e-12;

    @Test
    void theSmallBatchBaselineRunsAtPointOne() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet50", 256));

        assertThat(plan.peakLr()).isEqualTo(0.1);
        assertThat(plan.k()).isEqualTo(8);
        assertThat(plan.nodes()).isEqualTo(1);
        assertThat(plan.itersPerEpoch()).isEqualTo(5004);
        assertThat(plan.totalIterations()).isEqualTo(90 * 5004);
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void eightKTakes256GpusOn32NodesAtRate3point2() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet50", 8192));

        assertThat(plan.peakLr()).isEqualTo(3.2);
        assertThat(plan.baseLr()).isEqualTo(0.1);
        assertThat(plan.perGpuBatch()).isEqualTo(32);
        assertThat(plan.k()).isEqualTo(256);
        assertThat(plan.nodes()).isEqualTo(32);
        assertThat(plan.datasetSize()).isEqualTo(ModelCatalog.IMAGENET_TRAIN_IMAGES);
        assertThat(plan.itersPerEpoch()).isEqualTo(156);
        assertThat(plan.epochs()).isEqualTo(90);
        assertThat(plan.momentum()).isEqualTo(0.9);
        assertThat(plan.weightDecay()).isEqualTo(1e-4);
        assertThat(plan.warnings()).isEmpty();
    }

    @Test
    void gradualWarmupRisesLinearlyFromPointOneTo3point2OverFiveEpochs() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet50", 8192));
        Warmup warmup = plan.warmup();

        assertThat(warmup.kind()).isEqualTo(WarmupKind.GRADUAL);
        assertThat(warmup.epochs()).isEqualTo(5.0);
        assertThat(warmup.iterations()).isEqualTo(5 * 156);
        assertThat(warmup.startLr()).isEqualTo(0.1);

        assertThat(plan.learningRateAt(0)).isEqualTo(0.1);
        assertThat(plan.learningRateAt(390)).isCloseTo((0.1 + 3.2) / 2, within(EPS));
        assertThat(plan.learningRateAt(780)).isEqualTo(3.2);
        assertThat(plan.learningRateAt(1)).isCloseTo(0.1 + 3.1 / 780, within(EPS));
        for (long t = 1; t < 780; t++) {
            assertThat(plan.learningRateAt(t)).isGreaterThan(plan.learningRateAt(t - 1));
        }
    }

    @Test
    void eightKDividesByTenAtEpochs30_60_80() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet50", 8192));

        assertThat(plan.schedule()).extracting(LrStep::epoch).containsExactly(30.0, 60.0, 80.0);
        assertThat(plan.schedule()).extracting(LrStep::lr).containsExactly(0.32, 0.032, 0.0032);
        assertThat(plan.learningRateAt(30 * 156 - 1)).isEqualTo(3.2);
        assertThat(plan.learningRateAt(30 * 156)).isEqualTo(0.32);
        assertThat(plan.learningRateAt(60 * 156)).isEqualTo(0.032);
        assertThat(plan.learningRateAt(80 * 156)).isEqualTo(0.0032);
        assertThat(plan.learningRateAt(plan.totalIterations() - 1)).isEqualTo(0.0032);
    }

    @Test
    void momentumCorrectionIsTheRatioOfNewToOldRateWheneverItChanges() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet50", 8192));

        assertThat(plan.momentumCorrectionAt(0)).isEqualTo(1.0);
        assertThat(plan.momentumCorrectionAt(10)).isCloseTo(plan.learningRateAt(10) / plan.learningRateAt(9), within(EPS));
        assertThat(plan.momentumCorrectionAt(10)).isGreaterThan(1.0);
        assertThat(plan.momentumCorrectionAt(1000)).isEqualTo(1.0);
        assertThat(plan.momentumCorrectionAt(30 * 156)).isCloseTo(0.1, within(EPS));
        assertThat(plan.schedule()).extracting(LrStep::momentumCorrection).containsOnly(0.1);
    }

    @Test
    void weightDecaySkipsBatchNormAndBiasesByDefault() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet50", 256));

        assertThat(plan.weightDecayFor(ParameterKind.WEIGHT)).isEqualTo(1e-4);
        assertThat(plan.weightDecayFor(ParameterKind.BN_GAMMA)).isZero();
        assertThat(plan.weightDecayFor(ParameterKind.BN_BETA)).isZero();
        assertThat(plan.weightDecayFor(ParameterKind.BIAS)).isZero();

        RecipePlan withBiasDecay = RecipePlanner.plan(RecipeRequest.of("resnet50", 256)
                .withOverrides(new RecipeOverrides(null, null, null, null, null, null, true, null)));
        assertThat(withBiasDecay.weightDecayFor(ParameterKind.BIAS)).isEqualTo(1e-4);
        assertThat(withBiasDecay.weightDecayFor(ParameterKind.BN_GAMMA)).isZero();
    }

    @Test
    void aJobOfUpToEightGpusTakesPartOfOneNode() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet20", 64).withPerGpuBatch(16));

        assertThat(plan.k()).isEqualTo(4);
        assertThat(plan.nodes()).isEqualTo(1);
        assertThat(plan.itersPerEpoch()).isEqualTo(50_000 / 64);
    }

    @Test
    void aShorterRunKeepsTheScheduleShape() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet8", 512).withPerGpuBatch(32)
                .withEpochs(18).withDatasetSize(5120L));

        assertThat(plan.itersPerEpoch()).isEqualTo(10);
        assertThat(plan.totalIterations()).isEqualTo(180);
        assertThat(plan.schedule()).extracting(LrStep::epoch).containsExactly(6.0, 12.0, 16.0);
        assertThat(plan.warmup().epochs()).isEqualTo(1.0);
        assertThat(plan.warmup().iterations()).isEqualTo(10);
    }

    @Test
    void ablationsOfScalingAndWarmupAreOverridesWithThePapersNumbersAsWarnings() {
        RecipeRequest eightK = RecipeRequest.of("resnet50", 8192);

        RecipePlan unscaled = RecipePlanner.plan(eightK.withOverrides(
                new RecipeOverrides(null, LearningRateScaling.NONE, null, null, null, null, null, null)));
        assertThat(unscaled.peakLr()).isEqualTo(0.1);
        assertThat(unscaled.warnings()).anyMatch(w -> w.contains("41.67%"));

        RecipePlan sqrt = RecipePlanner.plan(eightK.withOverrides(
                new RecipeOverrides(null, LearningRateScaling.SQRT, null, null, null, null, null, null)));
        assertThat(sqrt.peakLr()).isCloseTo(0.1 * Math.sqrt(32), within(1e-9));

        RecipePlan noWarmup = RecipePlanner.plan(eightK.withOverrides(
                new RecipeOverrides(null, null, WarmupKind.NONE, null, null, null, null, null)));
        assertThat(noWarmup.warmup().iterations()).isZero();
        assertThat(noWarmup.learningRateAt(0)).isEqualTo(3.2);
        assertThat(noWarmup.warnings()).anyMatch(w -> w.contains("24.84%"));

        RecipePlan constant = RecipePlanner.plan(eightK.withOverrides(
                new RecipeOverrides(null, null, WarmupKind.CONSTANT, null, null, null, null, null)));
        assertThat(constant.learningRateAt(0)).isEqualTo(0.1);
        assertThat(constant.learningRateAt(779)).isEqualTo(0.1);
        assertThat(constant.learningRateAt(780)).isEqualTo(3.2);
        assertThat(constant.momentumCorrectionAt(780)).isCloseTo(32, within(1e-9));

        assertThat(unscaled.overrides().scaling()).isEqualTo(LearningRateScaling.NONE);
        assertThat(RecipePlanner.plan(eightK).overrides().changesNothing()).isTrue();
    }

    @Test
    void aBaseRateAndWarmupLengthCanBeOverridden() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet50", 1024).withOverrides(
                new RecipeOverrides(0.2, null, null, 2.0, null, null, null, null)));

        assertThat(plan.baseLr()).isEqualTo(0.2);
        assertThat(plan.peakLr()).isEqualTo(0.8);
        assertThat(plan.warmup().startLr()).isEqualTo(0.2);
        assertThat(plan.warmup().iterations()).isEqualTo(2 * (1_281_167 / 1024));
        assertThat(plan.overrides().baseLr()).isEqualTo(0.2);
    }

    @Test
    void aSmallScaleStudyScalesFromItsOwnBaselineMinibatch() {
        // a baseline of kn=8 at eta=0.0125, and 32x that minibatch: the rules measure kn against 8, not 256
        RecipeRequest study = RecipeRequest.of("resnet8", 256).withPerGpuBatch(8).withEpochs(10);
        RecipePlan linear = RecipePlanner.plan(study.withOverrides(
                new RecipeOverrides(0.0125, null, null, 2.0, null, null, null, 8)));
        assertThat(linear.peakLr()).isEqualTo(0.4);
        assertThat(linear.warmup().startLr()).as("gradual warmup starts at the baseline's rate").isEqualTo(0.0125);
        assertThat(linear.overrides().referenceBatch()).isEqualTo(8);

        RecipePlan sqrt = RecipePlanner.plan(study.withOverrides(
                new RecipeOverrides(0.0125, LearningRateScaling.SQRT, null, 2.0, null, null, null, 8)));
        assertThat(sqrt.peakLr()).isCloseTo(0.0125 * Math.sqrt(32), within(1e-6));
        RecipePlan unscaled = RecipePlanner.plan(study.withOverrides(
                new RecipeOverrides(0.0125, LearningRateScaling.NONE, null, null, null, null, null, 8)));
        assertThat(unscaled.peakLr()).isEqualTo(0.0125);
    }

    @Test
    void sixteenKIsAllowedWithTheFigureOneWarning() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet50", 16384));

        assertThat(plan.k()).isEqualTo(512);
        assertThat(plan.warnings()).singleElement().asString().contains("kn/N = 1/78").contains("8k")
                .contains("+1.2 points");
    }

    @Test
    void theRegimeThresholdsAreThePapersEightKAndSixteenKOnImageNet() {
        assertThat(PaperRegime.LARGEST_KN_PER_IMAGE_THAT_HOLDS).isEqualTo(8192.0 / 1_281_167);
        assertThat(PaperRegime.SMALLEST_KN_PER_IMAGE_THAT_LOST).isEqualTo(16384.0 / 1_281_167);
    }

    @Test
    void aSmallDatasetAtAModestKnIsFarOutsideThePapersRegime() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet8", 256).withPerGpuBatch(32));

        assertThat(plan.warnings()).containsExactly("kn/N = 1/16 (kn=256 on 4,096 images, 16 iterations per epoch):"
                + " the paper kept accuracy up to kn/N = 1/156 (8k on ImageNet) and lost it from 1/78 (about +1.2"
                + " points top-1 error at 16k, Figure 1); expect a gap to the small-minibatch error");
    }

    @Test
    void knOverNUpToEightKOnImageNetGivesNoWarning() {
        assertThat(RecipePlanner.plan(RecipeRequest.of("resnet50", 8192)).warnings()).as("exactly 1/156").isEmpty();
        assertThat(RecipePlanner.plan(RecipeRequest.of("resnet20", 256)).warnings())
                .as("CIFAR-10 at kn=256 is 1/195").isEmpty();
    }

    @Test
    void knOverNBetweenEightKAndSixteenKOnImageNetIsBeyondWhatThePaperShowedHolding() {
        RecipePlan oneImageShort = RecipePlanner.plan(RecipeRequest.of("resnet50", 8192)
                .withDatasetSize(1_281_167L - 1));
        assertThat(oneImageShort.warnings()).singleElement().asString()
                .startsWith("kn/N = 1/156 (kn=8192 on 1,281,166 images, 156 iterations per epoch) is beyond the"
                        + " largest at which the paper showed accuracy holding, kn/N = 1/156 (8k on ImageNet)")
                .contains("lost accuracy from 1/78").doesNotContain("expect a gap");

        RecipePlan oneImageOver = RecipePlanner.plan(RecipeRequest.of("resnet50", 16384)
                .withDatasetSize(1_281_167L + 1));
        assertThat(oneImageOver.warnings()).singleElement().asString()
                .startsWith("kn/N = 1/78 (kn=16384 on 1,281,168 images, 78 iterations per epoch) is beyond");

        RecipePlan cifar = RecipePlanner.plan(RecipeRequest.of("resnet20", 512));
        assertThat(cifar.warnings()).singleElement().asString()
                .startsWith("kn/N = 1/98 (kn=512 on 50,000 images, 97 iterations per epoch) is beyond");
    }

    @Test
    void knOverNFromSixteenKOnImageNetIsWhereThePaperLostAccuracy() {
        RecipePlan twiceSixteenK = RecipePlanner.plan(RecipeRequest.of("resnet50", 32768)
                .withDatasetSize(2 * 1_281_167L));
        assertThat(twiceSixteenK.warnings()).singleElement().asString()
                .startsWith("kn/N = 1/78 (kn=32768 on 2,562,334 images, 78 iterations per epoch): the paper kept"
                        + " accuracy up to kn/N = 1/156 (8k on ImageNet) and lost it from 1/78")
                .endsWith("expect a gap to the small-minibatch error");
    }

    @Test
    void aLargeDatasetKeepsKnOverNWithinTheRegimeButKnAboveEightKIsStillSaid() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet50", 16384).withDatasetSize(10_000_000L));

        assertThat(plan.warnings()).singleElement().asString().startsWith("kn=16384 is above 8k");
    }
}
