package dev.hourglass.detection.model;

import dev.hourglass.detection.coco.CocoFolder;
import dev.hourglass.detection.coco.CocoImage;
import dev.hourglass.detection.coco.GeneratedCocoSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A single-process demo of Mask R-CNN on {@code generated-coco}: plain SGD on one thread, losses every 10 steps and
 * box and mask AP on the validation split at the end. Not the distributed trainer (that is the worker's job).
 *
 * <p>Arguments: {@code DIR STEPS LEARNING_RATE [small|tiny|r50-fpn] [IMAGE_SIZE] [BATCH] [MOMENTUM] [WARMUP]}; the set is
 * written into DIR first
 * if DIR has none. The learning rate rises linearly from a tenth over WARMUP steps.
 */
public final class MaskRcnnDemoMain {

    private MaskRcnnDemoMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int steps = Integer.parseInt(args[1]);
        double learningRate = Double.parseDouble(args[2]);
        String model = args.length > 3 ? args[3] : "small";
        int size = args.length > 4 ? Integer.parseInt(args[4]) : GeneratedCocoSet.SIZE;
        int batchSize = args.length > 5 ? Integer.parseInt(args[5]) : 2;
        double momentum = args.length > 6 ? Double.parseDouble(args[6]) : 0;
        int warmup = args.length > 7 ? Integer.parseInt(args[7]) : 0;
        Map<String, INDArray> velocity = new HashMap<>();
        if (!Files.exists(CocoFolder.annotationFile(dir, GeneratedCocoSet.TRAIN))) {
            GeneratedCocoSet.write(dir, 256, 32, size, 1);
        }
        CocoFolder train = CocoFolder.open(dir, GeneratedCocoSet.TRAIN);
        CocoFolder validation = CocoFolder.open(dir, GeneratedCocoSet.VALIDATION);
        int classes = train.dataset().categories().size();
        MaskRcnnConfig config = model.equals("tiny") ? MaskRcnnConfig.tiny(classes)
                : MaskRcnnConfig.named("mask-rcnn-" + model, classes);
        MaskRcnn maskRcnn = new MaskRcnn(config, DataType.FLOAT, 1);
        List<CocoImage> order = new ArrayList<>(train.dataset().images());
        Random shuffle = new Random(1);
        SplittableRandom sampling = new SplittableRandom(1);
        long start = System.nanoTime();
        int cursor = order.size();
        double[] sums = new double[5];
        for (int step = 1; step <= steps; step++) {
            if (cursor + batchSize > order.size()) {
                Collections.shuffle(order, shuffle);
                cursor = 0;
            }
            DetectionBatch batch = DetectionBatch.read(train, order.subList(cursor, cursor + batchSize),
                    DataType.FLOAT);
            cursor += batchSize;
            TrainingStep result = maskRcnn.trainingStep(batch, sampling);
            result.gradients().forEach((name, g) -> velocity.merge(name, g.dup(), (v, n) -> v.muli(momentum).addi(n)));
            double progress = Math.min(1.0, (double) step / Math.max(1, warmup));
            maskRcnn.applySgd(velocity, learningRate * (0.1 + 0.9 * progress));
            int k = 0;
            for (double value : result.losses().values()) {
                sums[k++] += value;
            }
            if (step % 10 == 0) {
                System.out.printf("step %d  %.1f s  rpn.objectness %.4f  rpn.box %.4f  box.class %.4f  "
                        + "box.regression %.4f  mask %.4f%n", step, (System.nanoTime() - start) / 1e9,
                        sums[0] / 10, sums[1] / 10, sums[2] / 10, sums[3] / 10, sums[4] / 10);
                sums = new double[5];
            }
        }
        Map<String, Double> metrics = ValidationMetrics.evaluate(maskRcnn, validation, 4);
        System.out.println("validation " + metrics + " after " + steps + " steps, "
                + String.format("%.1f s", (System.nanoTime() - start) / 1e9));
    }
}
