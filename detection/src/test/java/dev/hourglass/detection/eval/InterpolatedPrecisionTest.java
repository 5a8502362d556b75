package dev.hourglass.detection.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class InterpolatedPrecisionTest {

    @Test
    void recallPointsAndIouThresholdsAreCocos() {
        assertThat(InterpolatedPrecision.RECALL_POINTS).hasSize(101);
        assertThat(InterpolatedPrecision.RECALL_POINTS[0]).isEqualTo(0.0);
        assertThat(InterpolatedPrecision.RECALL_POINTS[37]).isCloseTo(0.37, within(1e-15));
        assertThat(InterpolatedPrecision.RECALL_POINTS[100]).isEqualTo(1.0);
        assertThat(CocoEvaluator.IOU_THRESHOLDS).containsExactly(
                new double[] {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95}, within(1e-15));
    }

    @Test
    void precisionIsTakenFromTheBestPointAtOrBeyondEachRecall() {
        // hits, miss, miss, hit on 4 objects: recall .25 .25 .25 .5, precision 1 .5 .33 .5 -> 1 .5 .5 .5
        double[] precision = InterpolatedPrecision.at101RecallPoints(new boolean[] {true, false, false, true}, 4);

        for (int r = 0; r <= 25; r++) {
            assertThat(precision[r]).as("recall point %d", r).isCloseTo(1.0, within(1e-12));
        }
        for (int r = 26; r <= 50; r++) {
            assertThat(precision[r]).as("recall point %d", r).isCloseTo(0.5, within(1e-12));
        }
        for (int r = 51; r <= 100; r++) {
            assertThat(precision[r]).as("recall point %d", r).isZero();
        }
    }

    @Test
    void noDetectionsGiveZeroPrecisionEverywhere() {
        assertThat(InterpolatedPrecision.at101RecallPoints(new boolean[0], 3)).containsOnly(0.0);
    }
}
