package dev.hourglass.detection.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.coco.CocoFolder;
import dev.hourglass.detection.coco.GeneratedCocoSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class MaskRcnnTrainingStepTest {

    @TempDir
    Path dir;

    @Test
    void aStepGivesAllFiveLossesAndAGradientForEveryParameterAndSgdLowersTheLossOnItsBatch() throws Exception {
        GeneratedCocoSet.write(dir, 2, 1, 32, 3);
        CocoFolder train = CocoFolder.open(dir, "train");
        DetectionBatch batch = DetectionBatch.read(train, train.dataset().images(), DataType.FLOAT);
        MaskRcnn model = new MaskRcnn(MaskRcnnConfig.tiny(3), DataType.FLOAT, 7);

        TrainingStep first = model.trainingStep(batch, new SplittableRandom(1));

        assertThat(first.losses()).containsOnlyKeys("rpn.objectness", "rpn.box", "box.class", "box.regression", "mask");
        first.losses().forEach((name, value) -> assertThat(value).as(name).isFinite().isGreaterThanOrEqualTo(0));
        // untrained: objectness and class and mask predictions near chance
        assertThat(first.losses().get("rpn.objectness")).isBetween(0.5, 0.9);
        assertThat(first.losses().get("mask")).isBetween(0.6, 0.8);
        Map<String, INDArray> parameters = model.parameters();
        assertThat(first.gradients()).containsOnlyKeys(parameters.keySet());
        for (Map.Entry<String, INDArray> parameter : parameters.entrySet()) {
            assertThat(first.gradients().get(parameter.getKey()).shape()).as(parameter.getKey())
                    .containsExactly(parameter.getValue().shape());
        }
        assertThat(first.gradients().get("backbone/stage0/a/w").amaxNumber().doubleValue())
                .as("the gradient reaches the first convolution").isPositive();

        // the same sampling again (same seed): one step down the gradient lowers the very same loss
        model.applySgd(first.gradients(), 0.05);
        TrainingStep second = model.trainingStep(batch, new SplittableRandom(1));
        assertThat(second.total()).isLessThan(first.total());
    }
}
