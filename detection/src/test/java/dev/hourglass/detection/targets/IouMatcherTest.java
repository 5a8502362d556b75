package dev.hourglass.detection.targets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IouMatcherTest {

    @Test
    void labelsByTheBestIouWithAnIgnoredBandBetweenTheThresholds() {
        // two objects, five boxes
        double[][] iou = {
                {0.9, 0.5, 0.1, 0.29, 0.0},
                {0.2, 0.69, 0.7, 0.3, 0.0}};

        Match match = new IouMatcher(0.3, 0.7, false).match(iou, 5);

        assertThat(match.label()).containsExactly(Match.POSITIVE, Match.IGNORED, Match.POSITIVE, Match.IGNORED,
                Match.NEGATIVE);
        assertThat(match.object()).containsExactly(0, 1, 1, 1, -1);
    }

    @Test
    void lowQualityMatchesGiveEveryObjectItsBestBoxes() {
        // object 1 overlaps nothing above 0.4, best with boxes 1 and 2 (a tie); object 0 keeps box 0
        double[][] iou = {
                {0.8, 0.1, 0.1, 0.0},
                {0.1, 0.4, 0.4, 0.2}};

        Match strict = new IouMatcher(0.3, 0.7, false).match(iou, 4);
        Match rpn = IouMatcher.forRpn().match(iou, 4);

        assertThat(strict.label()).containsExactly(Match.POSITIVE, Match.IGNORED, Match.IGNORED, Match.NEGATIVE);
        assertThat(rpn.label()).containsExactly(Match.POSITIVE, Match.POSITIVE, Match.POSITIVE, Match.NEGATIVE);
        assertThat(rpn.object()).containsExactly(0, 1, 1, -1);
    }

    @Test
    void anObjectOverlappingNothingMakesNoBoxPositive() {
        Match match = IouMatcher.forRpn().match(new double[][] {{0, 0, 0}}, 3);

        assertThat(match.label()).containsOnly(Match.NEGATIVE);
    }

    @Test
    void withoutObjectsEveryBoxIsBackground() {
        Match match = IouMatcher.forBoxHead().match(new double[0][], 4);

        assertThat(match.label()).containsOnly(Match.NEGATIVE);
        assertThat(match.object()).containsOnly(-1);
    }

    @Test
    void theBoxHeadsSingleThresholdHasNoIgnoredBand() {
        Match match = IouMatcher.forBoxHead().match(new double[][] {{0.5, 0.4999}}, 2);

        assertThat(match.label()).containsExactly(Match.POSITIVE, Match.NEGATIVE);
    }
}
