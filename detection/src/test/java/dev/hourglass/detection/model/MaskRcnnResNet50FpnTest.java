package dev.hourglass.detection.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.coco.CocoFolder;
import dev.hourglass.detection.coco.GeneratedCocoSet;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

@Tag("model")
class MaskRcnnResNet50FpnTest {

    @TempDir
    Path dir;

    /** A 32x32 image keeps the step to a few seconds: some 30 RoIs, a few of them foreground for the mask head. */
    @Test
    void aTrainingStepOnOneSmallImageGivesFiniteLossesAndAGradientForEveryParameter() throws Exception {
        GeneratedCocoSet.write(dir, 1, 1, 32, 5);
        CocoFolder train = CocoFolder.open(dir, "train");
        DetectionBatch batch = DetectionBatch.read(train, train.dataset().images(), DataType.FLOAT);
        MaskRcnn model = new MaskRcnn(MaskRcnnConfig.named("mask-rcnn-r50-fpn", 3), DataType.FLOAT, 7);

        TrainingStep step = model.trainingStep(batch, new SplittableRandom(1));

        assertThat(step.losses()).containsOnlyKeys("rpn.objectness", "rpn.box", "box.class", "box.regression", "mask");
        step.losses().forEach((name, value) -> assertThat(value).as(name).isFinite().isGreaterThanOrEqualTo(0));
        assertThat(step.losses().get("mask")).as("a foreground RoI reached the mask head").isPositive();
        Map<String, INDArray> parameters = model.parameters();
        assertThat(parameters.keySet()).allMatch(name -> name.endsWith("/w") || name.endsWith("/b"))
                .noneMatch(name -> name.contains("/bn"));
        assertThat(step.gradients()).containsOnlyKeys(parameters.keySet());
        for (Map.Entry<String, INDArray> parameter : parameters.entrySet()) {
            INDArray gradient = step.gradients().get(parameter.getKey());
            assertThat(gradient.shape()).as(parameter.getKey()).containsExactly(parameter.getValue().shape());
            assertThat(gradient.isInfinite().any() || gradient.isNaN().any()).as(parameter.getKey()).isFalse();
        }
        // through the identity-initialised residual stages down to the stem; P6 (the RPN only) reaches C5's lateral
        assertThat(step.gradients().get("backbone/stem/conv/w").amaxNumber().doubleValue()).isPositive();
        assertThat(step.gradients().get("fpn/lateral5/w").amaxNumber().doubleValue()).isPositive();
        // torchvision's maskrcnn_resnet50_fpn less its background box and mask predictors, at 3 classes (80: 44,343,216)
        assertThat(parameters.values().stream().mapToLong(INDArray::length).sum()).isEqualTo(43_928_802);
    }
}
