package dev.hourglass.detection.targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BalancedSamplerTest {

    private static Match labels(int positives, int negatives, int ignored) {
        int[] label = new int[positives + negatives + ignored];
        Arrays.fill(label, 0, positives, Match.POSITIVE);
        Arrays.fill(label, positives, positives + negatives, Match.NEGATIVE);
        Arrays.fill(label, positives + negatives, label.length, Match.IGNORED);
        int[] object = new int[label.length];
        return new Match(object, label);
    }

    @Test
    void capsThePositivesAtTheirFractionAndFillsUpWithNegatives() {
        Match sampled = new BalancedSampler(16, 0.25).sample(labels(10, 100, 5), new SplittableRandom(1));

        assertThat(sampled.count(Match.POSITIVE)).isEqualTo(4);
        assertThat(sampled.count(Match.NEGATIVE)).isEqualTo(12);
        // sampling never turns a label into another one
        int[] label = sampled.label();
        for (int i = 0; i < label.length; i++) {
            if (i >= 10 && label[i] == Match.POSITIVE || i < 10 && label[i] == Match.NEGATIVE
                    || i >= 110 && label[i] != Match.IGNORED) {
                throw new AssertionError("box " + i + " changed its label to " + label[i]);
            }
        }
    }

    @Test
    void fewPositivesLeaveMoreRoomForNegativesAndFewOfBothKeepAll() {
        assertThat(new BalancedSampler(16, 0.5).sample(labels(2, 100, 0), new SplittableRandom(1))
                .count(Match.NEGATIVE)).isEqualTo(14);
        Match all = new BalancedSampler(256, 0.5).sample(labels(3, 7, 2), new SplittableRandom(1));
        assertThat(all.count(Match.POSITIVE)).isEqualTo(3);
        assertThat(all.count(Match.NEGATIVE)).isEqualTo(7);
    }

    @Test
    void theSameSeedChoosesTheSameBoxesAndAnotherSeedOthers() {
        BalancedSampler sampler = new BalancedSampler(8, 0.5);

        int[] a = sampler.sample(labels(20, 20, 0), new SplittableRandom(7)).label();
        int[] b = sampler.sample(labels(20, 20, 0), new SplittableRandom(7)).label();
        int[] c = sampler.sample(labels(20, 20, 0), new SplittableRandom(8)).label();

        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }
}
