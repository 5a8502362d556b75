package dev.hourglass.detection.inference;

import dev.hourglass.detection.Matrices;
import dev.hourglass.detection.box.BoxCoder;
import dev.hourglass.detection.box.NonMaximumSuppression;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The box head's inference (Fast R-CNN, Section 2.3, with Detectron's settings): softmax class probabilities, each
 * proposal's class-specific deltas decoded for every foreground class, clipped to the image; candidates scoring at
 * least {@code scoreThreshold} (0.05) go through NMS per class at {@code nmsIou} (0.5), and the
 * {@code maxDetections} (100) best remain.
 */
public record BoxPostprocessor(double scoreThreshold, double nmsIou, int maxDetections) {

    public static BoxPostprocessor standard() {
        return new BoxPostprocessor(0.05, 0.5, 100);
    }

    /** {@code classLogits [P, C + 1]} and {@code deltas [P, 4C]} for {@code proposals [P, 4]} of one image. */
    public ImageDetections detect(INDArray classLogits, INDArray deltas, INDArray proposals, int imageHeight,
            int imageWidth) {
        int count = (int) proposals.size(0);
        int classes = (int) classLogits.size(1) - 1;
        if (count == 0) {
            return new ImageDetections(new double[0][], new int[0], new double[0]);
        }
        double[][] logits = Matrices.rows(classLogits);
        double[][] offsets = Matrices.rows(deltas);
        INDArray references = proposals.castTo(DataType.DOUBLE);
        List<double[]> boxes = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 1; c <= classes; c++) {
            double[][] classDeltas = new double[count][4];
            for (int p = 0; p < count; p++) {
                System.arraycopy(offsets[p], 4 * (c - 1), classDeltas[p], 0, 4);
            }
            double[][] decoded = Matrices.rows(BoxCoder.forBoxHead().decode(Matrices.of(classDeltas, 4), references));
            for (int p = 0; p < count; p++) {
                double probability = softmax(logits[p], c);
                double[] box = ProposalGenerator.clip(decoded[p], imageHeight, imageWidth);
                if (probability >= scoreThreshold && box[2] > box[0] && box[3] > box[1]) {
                    boxes.add(box);
                    scores.add(probability);
                    labels.add(c);
                }
            }
        }
        double[] scoreArray = scores.stream().mapToDouble(Double::doubleValue).toArray();
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        int[] kept = NonMaximumSuppression.keep(boxes.toArray(double[][]::new), scoreArray, labelArray, nmsIou,
                maxDetections);
        double[][] keptBoxes = new double[kept.length][];
        int[] keptClasses = new int[kept.length];
        double[] keptScores = new double[kept.length];
        for (int k = 0; k < kept.length; k++) {
            keptBoxes[k] = boxes.get(kept[k]);
            keptClasses[k] = labelArray[kept[k]];
            keptScores[k] = scoreArray[kept[k]];
        }
        return new ImageDetections(keptBoxes, keptClasses, keptScores);
    }

    private static double softmax(double[] logits, int index) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double total = 0;
        for (double v : logits) {
            total += Math.exp(v - max);
        }
        return Math.exp(logits[index] - max) / total;
    }
}
