package dev.hourglass.detection.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.coco.CocoFolder;
import dev.hourglass.detection.coco.GeneratedCocoSet;
import dev.hourglass.detection.inference.ImageDetections;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class MaskRcnnInferenceTest {

    @TempDir
    Path dir;

    @Test
    void anUntrainedModelGivesValidDetectionsAndTheValidationMetricsAreApsInZeroToOne() throws Exception {
        GeneratedCocoSet.write(dir, 1, 2, 32, 9);
        CocoFolder validation = CocoFolder.open(dir, "val");
        MaskRcnn model = new MaskRcnn(MaskRcnnConfig.tiny(3), DataType.FLOAT, 7);

        List<DetectedInstances> found = model.detect(
                DetectionBatch.read(validation, validation.dataset().images(), DataType.FLOAT).images());
        Map<String, Double> metrics = ValidationMetrics.evaluate(model, validation, 2);

        assertThat(found).hasSize(2);
        // untrained, every class has a probability near 1/4, above the 0.05 threshold: there are detections
        assertThat(found).allMatch(instances -> instances.detections().size() > 0);
        for (DetectedInstances instances : found) {
            ImageDetections d = instances.detections();
            assertThat(d.size()).isLessThanOrEqualTo(100);
            assertThat(instances.masks()).hasSize(d.size());
            for (int k = 0; k < d.size(); k++) {
                assertThat(d.classes()[k]).isBetween(1, 3);
                assertThat(d.scores()[k]).isBetween(0.05, 1.0);
                assertThat(d.boxes()[k][0]).isBetween(0.0, d.boxes()[k][2]);
                assertThat(d.boxes()[k][3]).isBetween(d.boxes()[k][1], 32.0);
                BinaryMask mask = instances.masks().get(k);
                assertThat(mask.width()).isEqualTo(32);
                assertThat(mask.height()).isEqualTo(32);
            }
        }
        assertThat(metrics).containsOnlyKeys("val.box_ap", "val.box_ap50", "val.box_ap75", "val.mask_ap",
                "val.mask_ap50", "val.mask_ap75");
        metrics.forEach((name, value) -> assertThat(value).as(name).isBetween(0.0, 1.0));
    }
}
