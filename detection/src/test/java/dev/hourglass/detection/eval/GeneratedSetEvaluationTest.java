package dev.hourglass.detection.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.Box;
import dev.hourglass.detection.coco.CocoAnnotation;
import dev.hourglass.detection.coco.CocoFolder;
import dev.hourglass.detection.coco.CocoImage;
import dev.hourglass.detection.coco.GeneratedCocoSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evaluator on a whole generated validation split, read back from its COCO files. */
class GeneratedSetEvaluationTest {

    @TempDir
    Path dir;

    @Test
    void theAnnotationsThemselvesScoreOneAndAShiftedCopyScoresBelowIt() throws Exception {
        GeneratedCocoSet.write(dir, 1, 20, 64, 3);
        CocoFolder validation = CocoFolder.open(dir, "val");
        List<GroundTruthInstance> objects = new ArrayList<>();
        List<ScoredDetection> exact = new ArrayList<>();
        List<ScoredDetection> shifted = new ArrayList<>();
        for (Map.Entry<CocoImage, List<CocoAnnotation>> entry : validation.dataset().annotationsByImage().entrySet()) {
            for (CocoAnnotation annotation : entry.getValue()) {
                GroundTruthInstance object = GroundTruthInstance.of(entry.getKey(), annotation);
                objects.add(object);
                exact.add(new ScoredDetection(object.imageId(), object.categoryId(), 0.9, object.box(), object.mask()));
                shifted.add(new ScoredDetection(object.imageId(), object.categoryId(), 0.9, shiftRight(object.box()),
                        shiftRight(object.mask())));
            }
        }

        assertThat(new CocoEvaluator(IouType.BOX).evaluate(objects, exact).ap()).isCloseTo(1.0, within(1e-12));
        assertThat(new CocoEvaluator(IouType.MASK).evaluate(objects, exact).ap()).isCloseTo(1.0, within(1e-12));
        AveragePrecision boxes = new CocoEvaluator(IouType.BOX).evaluate(objects, shifted);
        AveragePrecision masks = new CocoEvaluator(IouType.MASK).evaluate(objects, shifted);
        assertThat(boxes.ap50()).isCloseTo(1.0, within(1e-12));
        assertThat(boxes.ap()).isBetween(0.3, 0.99);
        assertThat(masks.ap()).isBetween(0.05, boxes.ap());
    }

    private static Box shiftRight(Box box) {
        return new Box(box.x1() + 2, box.y1(), box.x2() + 2, box.y2());
    }

    private static BinaryMask shiftRight(BinaryMask mask) {
        BinaryMask shifted = new BinaryMask(mask.width(), mask.height());
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 2; x < mask.width(); x++) {
                shifted.set(x, y, mask.get(x - 2, y));
            }
        }
        return shifted;
    }
}
