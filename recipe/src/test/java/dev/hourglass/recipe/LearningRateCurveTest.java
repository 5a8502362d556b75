package dev.hourglass.recipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole run's rate in a handful of points, for charts: exactly learningRateAt between the corners. */
class LearningRateCurveTest {

    @Test
    void eightKIsAWarmupRampThenThreeSteps() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("resnet50", 8192));

        assertThat(plan.learningRateCurve()).containsExactly(
                new LrPoint(0, 0.1), new LrPoint(779, plan.learningRateAt(779)), new LrPoint(780, 3.2),
                new LrPoint(4679, 3.2), new LrPoint(4680, 0.32),
                new LrPoint(9359, 0.32), new LrPoint(9360, 0.032),
                new LrPoint(12479, 0.032), new LrPoint(12480, 0.0032),
                new LrPoint(14039, 0.0032));
    }

    @Test
    void aLineThroughTheCornersIsTheRateAtEveryIteration() {
        for (RecipeRequest request : List.of(RecipeRequest.of("resnet50", 8192),
                RecipeRequest.of("mask-rcnn-r50-fpn", 16),
                RecipeRequest.of("resnet8", 512).withEpochs(18).withDatasetSize(5120L)
                        .withOverrides(new RecipeOverrides(null, null, null, 7.0, null, null, null, null)),
                RecipeRequest.of("resnet50", 8192).withOverrides(
                        new RecipeOverrides(null, null, WarmupKind.CONSTANT, null, null, null, null, null)))) {
            RecipePlan plan = RecipePlanner.plan(request);
            List<LrPoint> curve = plan.learningRateCurve();
            assertThat(curve.get(0).iteration()).isZero();
            assertThat(curve.get(curve.size() - 1).iteration()).isEqualTo(plan.totalIterations() - 1);
            for (int i = 1; i < curve.size(); i++) {
                LrPoint from = curve.get(i - 1);
                LrPoint to = curve.get(i);
                for (long t = from.iteration(); t <= to.iteration(); t++) {
                    double line = from.lr() + (to.lr() - from.lr()) * (t - from.iteration())
                            / (to.iteration() - from.iteration());
                    assertThat(line).as("%s at iteration %d", request, t).isCloseTo(plan.learningRateAt(t), within(1e-9));
                }
            }
        }
    }

    @Test
    void withoutWarmupTheCurveStartsAtThePeakRateAndOnlyStepsDown() {
        RecipePlan plan = RecipePlanner.plan(RecipeRequest.of("mask-rcnn-small", 16).withEpochs(1).withOverrides(
                new RecipeOverrides(null, null, WarmupKind.NONE, null, null, null, null, null)));
        long step = plan.schedule().get(0).iteration();

        assertThat(plan.learningRateCurve()).containsExactly(new LrPoint(0, plan.peakLr()),
                new LrPoint(step - 1, plan.peakLr()), new LrPoint(step, plan.schedule().get(0).lr()),
                new LrPoint(plan.totalIterations() - 1, plan.schedule().get(0).lr()));
    }
}
