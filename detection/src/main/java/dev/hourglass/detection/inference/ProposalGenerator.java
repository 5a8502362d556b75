package dev.hourglass.detection.inference;

import dev.hourglass.detection.Matrices;
import dev.hourglass.detection.box.BoxCoder;
import dev.hourglass.detection.box.NonMaximumSuppression;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns the RPN's outputs into proposals as FPN does (Section 4.1, with Detectron's settings): per image and level
 * the {@code preNmsPerLevel} anchors of highest objectness, decoded, clipped to the image, empty boxes dropped,
 * non-maximum suppression at {@code nmsIou} within each level, then the {@code postNmsTotal} best over all levels.
 * Detectron used 2000 / 1000 in training and 1000 / 1000 in inference at NMS 0.7.
 */
public record ProposalGenerator(int preNmsPerLevel, int postNmsTotal, double nmsIou) {

    /**
     * {@code objectness.get(l) [N, A, H, W]}, {@code deltas.get(l) [N, 4A, H, W]}, {@code anchors.get(l)
     * [H * W * A, 4]} as {@code AnchorGenerator} gives them; images of {@code imageHeight x imageWidth}.
     */
    public List<Proposals> generate(List<INDArray> objectness, List<INDArray> deltas, List<INDArray> anchors,
            int imageHeight, int imageWidth) {
        int images = (int) objectness.get(0).size(0);
        List<Proposals> result = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            List<double[]> boxes = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            List<Integer> levels = new ArrayList<>();
            for (int l = 0; l < objectness.size(); l++) {
                double[] logits = anchorOrder(objectness.get(l), i, 1);
                double[] offsets = anchorOrder(deltas.get(l), i, 4);
                int[] best = IntStream.range(0, logits.length).boxed()
                        .sorted(Comparator.comparingDouble((Integer a) -> -logits[a])).limit(preNmsPerLevel)
                        .mapToInt(Integer::intValue).toArray();
                if (best.length == 0) {
                    continue;
                }
                double[][] chosenDeltas = new double[best.length][];
                double[][] chosenAnchors = new double[best.length][];
                double[][] levelAnchors = Matrices.rows(anchors.get(l));
                for (int k = 0; k < best.length; k++) {
                    chosenDeltas[k] = Arrays.copyOfRange(offsets, 4 * best[k], 4 * best[k] + 4);
                    chosenAnchors[k] = levelAnchors[best[k]];
                }
                double[][] decoded = Matrices.rows(BoxCoder.forRpn().decode(Matrices.of(chosenDeltas, 4),
                        Matrices.of(chosenAnchors, 4)));
                for (int k = 0; k < best.length; k++) {
                    double[] box = clip(decoded[k], imageHeight, imageWidth);
                    if (box[2] > box[0] && box[3] > box[1]) {
                        boxes.add(box);
                        scores.add(logits[best[k]]);
                        levels.add(l);
                    }
                }
            }
            double[] scoreArray = scores.stream().mapToDouble(Double::doubleValue).toArray();
            int[] kept = NonMaximumSuppression.keep(boxes.toArray(double[][]::new), scoreArray,
                    levels.stream().mapToInt(Integer::intValue).toArray(), nmsIou, postNmsTotal);
            double[][] keptBoxes = new double[kept.length][];
            double[] keptScores = new double[kept.length];
            for (int k = 0; k < kept.length; k++) {
                keptBoxes[k] = boxes.get(kept[k]);
                keptScores[k] = scoreArray[kept[k]];
            }
            result.add(new Proposals(Matrices.of(keptBoxes, 4),
                    keptScores));
        }
        return result;
    }

    /** Image i's values of a {@code [N, A * per, H, W]} map, anchor by anchor in generator order. */
    private static double[] anchorOrder(INDArray map, int image, int per) {
        int perLocation = (int) map.size(1) / per;
        int locations = (int) (map.size(2) * map.size(3));
        double[] values = map.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] ordered = new double[perLocation * locations * per];
        int base = image * perLocation * per * locations;
        for (int a = 0; a < perLocation; a++) {
            for (int k = 0; k < per; k++) {
                for (int p = 0; p < locations; p++) {
                    ordered[(p * perLocation + a) * per + k] = values[base + (a * per + k) * locations + p];
                }
            }
        }
        return ordered;
    }

    static double[] clip(double[] box, int height, int width) {
        return new double[] {Math.max(0, Math.min(width, box[0])), Math.max(0, Math.min(height, box[1])),
                Math.max(0, Math.min(width, box[2])), Math.max(0, Math.min(height, box[3]))};
    }
}
