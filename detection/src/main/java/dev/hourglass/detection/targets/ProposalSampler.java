package dev.hourglass.detection.targets;

import dev.hourglass.detection.Matrices;
import dev.hourglass.detection.box.BoxCoder;
import dev.hourglass.detection.box.PairwiseIou;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Chooses the RoIs the box and mask heads train on: the RPN's proposals plus the objects' own boxes (so that early
 * in training, when proposals are poor, every object still has a foreground RoI), matched at IoU 0.5 and sampled
 * 512 per image with at most a quarter foreground (Mask R-CNN, Section 3.1, "Training").
 */
public record ProposalSampler(IouMatcher matcher, BalancedSampler sampler, BoxCoder coder) {

    public static ProposalSampler standard() {
        return new ProposalSampler(IouMatcher.forBoxHead(), BalancedSampler.forBoxHead(), BoxCoder.forBoxHead());
    }

    /** {@code proposals [P, 4]}, {@code objects [G, 4]} with {@code objectClasses[g]} in 1..C. */
    public SampledProposals sample(INDArray proposals, INDArray objects, int[] objectClasses,
            SplittableRandom random) {
        if (objects.size(0) != objectClasses.length) {
            throw new IllegalArgumentException(objects.size(0) + " object boxes but " + objectClasses.length
                    + " object classes");
        }
        INDArray candidates = objects.size(0) == 0 ? proposals.castTo(DataType.DOUBLE)
                : Nd4j.concat(0, proposals.castTo(DataType.DOUBLE), objects.castTo(DataType.DOUBLE));
        int count = (int) candidates.size(0);
        Match match = sampler.sample(matcher.match(PairwiseIou.of(objects, candidates), count), random);
        int[] label = match.label();
        int[] matched = match.object();
        List<Integer> chosen = new ArrayList<>();
        for (int wanted : new int[] {Match.POSITIVE, Match.NEGATIVE}) {
            for (int i = 0; i < count; i++) {
                if (label[i] == wanted) {
                    chosen.add(i);
                }
            }
        }
        int size = chosen.size();
        double[][] candidateRows = Matrices.rows(candidates);
        double[][] objectRows = Matrices.rows(objects);
        double[][] boxRows = new double[size][];
        double[][] deltaRows = new double[size][4];
        int[] classes = new int[size];
        int[] object = new int[size];
        List<Integer> foreground = new ArrayList<>();
        for (int s = 0; s < size; s++) {
            int i = chosen.get(s);
            boxRows[s] = candidateRows[i];
            boolean isForeground = label[i] == Match.POSITIVE;
            object[s] = isForeground ? matched[i] : -1;
            classes[s] = isForeground ? objectClasses[matched[i]] : 0;
            if (isForeground) {
                foreground.add(s);
            }
        }
        if (!foreground.isEmpty()) {
            double[][] from = new double[foreground.size()][];
            double[][] to = new double[foreground.size()][];
            for (int k = 0; k < from.length; k++) {
                from[k] = boxRows[foreground.get(k)];
                to[k] = objectRows[object[foreground.get(k)]];
            }
            double[][] encoded = Matrices.rows(coder.encode(Matrices.of(from, 4), Matrices.of(to, 4)));
            for (int k = 0; k < from.length; k++) {
                deltaRows[foreground.get(k)] = encoded[k];
            }
        }
        INDArray boxes = Matrices.of(boxRows, 4);
        INDArray deltas = Matrices.of(deltaRows, 4);
        return new SampledProposals(boxes, classes, object, deltas);
    }
}
