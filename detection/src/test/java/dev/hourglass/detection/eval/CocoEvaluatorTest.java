package dev.hourglass.detection.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.Box;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CocoEvaluatorTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final CocoEvaluator BOX_AP = new CocoEvaluator(IouType.BOX);

    private static GroundTruthInstance object(long image, long category, Box box) {
        return new GroundTruthInstance(image, category, box, null);
    }

    private static ScoredDetection detection(long image, long category, double score, Box box) {
        return new ScoredDetection(image, category, score, box, null);
    }

    @Test
    void perfectPredictionsScoreOneEverywhere() {
        List<GroundTruthInstance> objects = List.of(object(1, 1, new Box(0, 0, 10, 10)),
                object(1, 2, new Box(20, 20, 30, 40)), object(2, 1, new Box(5, 5, 15, 25)));
        List<ScoredDetection> detections = objects.stream()
                .map(o -> detection(o.imageId(), o.categoryId(), 0.9, o.box())).toList();

        AveragePrecision ap = BOX_AP.evaluate(objects, detections);

        assertThat(ap.ap()).isCloseTo(1.0, EXACT);
        assertThat(ap.ap50()).isCloseTo(1.0, EXACT);
        assertThat(ap.ap75()).isCloseTo(1.0, EXACT);
        assertThat(ap.perCategory()).containsOnlyKeys(1L, 2L);
    }

    @Test
    void aShiftedBoxPassesOnlyTheThresholdsBelowItsIou() {
        // shifted by 2.6 of 10: IoU = 74 / 126 = 0.587, so 0.50 and 0.55 of the ten thresholds pass
        Box truth = new Box(0, 0, 10, 10);
        Box shifted = new Box(2.6, 0, 12.6, 10);
        assertThat(shifted.iou(truth)).isCloseTo(74.0 / 126.0, within(1e-12));

        AveragePrecision ap = BOX_AP.evaluate(List.of(object(1, 1, truth)), List.of(detection(1, 1, 0.8, shifted)));

        assertThat(ap.ap50()).isCloseTo(1.0, EXACT);
        assertThat(ap.ap75()).isCloseTo(0.0, EXACT);
        assertThat(ap.ap()).isCloseTo(2.0 / 10, EXACT);
        assertThat(ap.perThreshold()).containsExactly(new double[] {1, 1, 0, 0, 0, 0, 0, 0, 0, 0}, within(1e-12));
    }

    @Test
    void anIouEqualToTheThresholdCountsAsAMatch() {
        // half the detection lies outside the object: IoU = 100 / 200 = 0.5 exactly
        AveragePrecision ap = BOX_AP.evaluate(List.of(object(1, 1, new Box(0, 0, 10, 10))),
                List.of(detection(1, 1, 0.8, new Box(0, 0, 10, 20))));

        assertThat(ap.ap50()).isCloseTo(1.0, EXACT);
        assertThat(ap.ap()).isCloseTo(1.0 / 10, EXACT);
    }

    @Test
    void aFalsePositiveScoredAboveTheOnlyTruePositiveHalvesThePrecision() {
        Box truth = new Box(0, 0, 10, 10);

        AveragePrecision ap = BOX_AP.evaluate(List.of(object(1, 1, truth)),
                List.of(detection(1, 1, 0.9, new Box(40, 40, 50, 50)), detection(1, 1, 0.8, truth)));

        // recall 1 is reached at the second detection, with precision 1/2, and every recall point takes it
        assertThat(ap.ap()).isCloseTo(0.5, EXACT);
    }

    @Test
    void aFalsePositiveBetweenTwoTruePositivesLowersOnlyTheUpperRecallPoints() {
        Box a = new Box(0, 0, 10, 10);
        Box b = new Box(20, 0, 30, 10);

        AveragePrecision ap = BOX_AP.evaluate(List.of(object(1, 1, a), object(1, 1, b)), List.of(
                detection(1, 1, 0.9, a), detection(1, 1, 0.8, new Box(40, 40, 50, 50)), detection(1, 1, 0.7, b)));

        // recall 0.5 at precision 1, then recall 1 at precision 2/3: points 0.00..0.50 (51 of them) read 1,
        // points 0.51..1.00 (50) read 2/3
        double expected = (51 * 1.0 + 50 * (2.0 / 3)) / 101;
        assertThat(ap.ap()).isCloseTo(expected, within(1e-12));
        assertThat(ap.ap50()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void aMissedObjectLeavesTheRecallPointsAboveWhatWasFoundAtZero() {
        Box a = new Box(0, 0, 10, 10);

        AveragePrecision ap = BOX_AP.evaluate(List.of(object(1, 1, a), object(2, 1, new Box(0, 0, 5, 5))),
                List.of(detection(1, 1, 0.9, a)));

        assertThat(ap.ap()).isCloseTo(51.0 / 101, EXACT);
    }

    @Test
    void matchingIsGreedyInScoreOrderNotTheBestAssignment() {
        Box truth = new Box(0, 0, 10, 10);
        Box loose = new Box(2.6, 0, 12.6, 10);

        // the loose box, scored higher, takes the object at 0.50 and 0.55; from 0.60 on only the exact one matches
        AveragePrecision ap = BOX_AP.evaluate(List.of(object(1, 1, truth)),
                List.of(detection(1, 1, 0.9, loose), detection(1, 1, 0.8, truth)));

        assertThat(ap.perThreshold()).containsExactly(
                new double[] {1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, within(1e-12));
        assertThat(ap.ap()).isCloseTo(0.6, EXACT);
    }

    @Test
    void aDuplicateBelowTheMatchDoesNotLowerTheAp() {
        Box truth = new Box(0, 0, 10, 10);

        AveragePrecision ap = BOX_AP.evaluate(List.of(object(1, 1, truth)),
                List.of(detection(1, 1, 0.9, truth), detection(1, 1, 0.5, truth)));

        assertThat(ap.ap()).isCloseTo(1.0, EXACT);
    }

    @Test
    void categoriesAreAveragedAndThoseWithoutObjectsLeftOut() {
        Box box = new Box(0, 0, 10, 10);

        AveragePrecision ap = BOX_AP.evaluate(List.of(object(1, 1, box), object(1, 2, box)),
                List.of(detection(1, 1, 0.9, box), detection(1, 3, 0.9, box)));

        assertThat(ap.perCategory()).containsOnlyKeys(1L, 2L);
        assertThat(ap.perCategory().get(1L)).isCloseTo(1.0, EXACT);
        assertThat(ap.perCategory().get(2L)).isCloseTo(0.0, EXACT);
        assertThat(ap.ap()).isCloseTo(0.5, EXACT);
    }

    @Test
    void onlyTheBestMaxDetectionsOfAnImageCount() {
        Box truth = new Box(0, 0, 10, 10);
        List<ScoredDetection> detections = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            detections.add(detection(1, 1, 0.9, new Box(40, 40, 50, 50)));
        }
        detections.add(detection(1, 1, 0.1, truth));

        assertThat(BOX_AP.evaluate(List.of(object(1, 1, truth)), detections).ap()).isCloseTo(0.0, EXACT);
        // with room for the 101st, recall 1 comes at precision 1/101
        assertThat(new CocoEvaluator(IouType.BOX, 101).evaluate(List.of(object(1, 1, truth)), detections).ap())
                .isCloseTo(1.0 / 101, within(1e-12));
    }

    @Test
    void equalScoresAcrossImagesKeepImageOrder() {
        Box truth = new Box(0, 0, 10, 10);
        Box miss = new Box(40, 40, 50, 50);

        // image 1 (false positive) comes before image 2 (true positive) at the same score: precision 1/2
        AveragePrecision ap = BOX_AP.evaluate(List.of(object(2, 1, truth)),
                List.of(detection(2, 1, 0.5, truth), detection(1, 1, 0.5, miss)));

        assertThat(ap.ap()).isCloseTo(0.5, EXACT);
    }

    @Test
    void maskApComparesMasksWhereBoxesAgree() {
        BinaryMask truth = BinaryMask.fromRows(
                "####",
                "####",
                "##..",
                "##..");
        BinaryMask predicted = BinaryMask.fromRows(
                "####",
                "#...",
                "....",
                "###.");
        // intersection 7, union 12 + 8 - 7 = 13: IoU 0.538, which passes only the first threshold
        assertThat(predicted.iou(truth)).isCloseTo(7.0 / 13, EXACT);
        Box box = new Box(0, 0, 4, 4);
        List<GroundTruthInstance> objects = List.of(new GroundTruthInstance(1, 1, box, truth));
        List<ScoredDetection> detections = List.of(new ScoredDetection(1, 1, 0.7, box, predicted));

        assertThat(new CocoEvaluator(IouType.BOX).evaluate(objects, detections).ap()).isCloseTo(1.0, EXACT);
        assertThat(new CocoEvaluator(IouType.MASK).evaluate(objects, detections).ap()).isCloseTo(0.1, EXACT);
    }

    @Test
    void noObjectsAtAllGiveMinusOneAsPycocotoolsReportsIt() {
        AveragePrecision ap = BOX_AP.evaluate(List.of(), List.of(detection(1, 1, 0.5, new Box(0, 0, 1, 1))));

        assertThat(ap.ap()).isEqualTo(-1);
        assertThat(ap.ap50()).isEqualTo(-1);
    }
}
