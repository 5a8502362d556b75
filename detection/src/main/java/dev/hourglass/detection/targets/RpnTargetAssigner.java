package dev.hourglass.detection.targets;

import dev.hourglass.detection.Matrices;
import dev.hourglass.detection.box.BoxCoder;
import dev.hourglass.detection.box.PairwiseIou;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Matches an image's anchors to its objects, samples those in the loss and encodes the positives' targets. */
public record RpnTargetAssigner(IouMatcher matcher, BalancedSampler sampler, BoxCoder coder) {

    public static RpnTargetAssigner standard() {
        return new RpnTargetAssigner(IouMatcher.forRpn(), BalancedSampler.forRpn(), BoxCoder.forRpn());
    }

    /** {@code anchors [A, 4]}, {@code objects [G, 4]} (G may be 0: then all sampled anchors are background). */
    public RpnTargets assign(INDArray anchors, INDArray objects, SplittableRandom random) {
        int count = (int) anchors.size(0);
        Match match = sampler.sample(matcher.match(PairwiseIou.of(objects, anchors), count), random);
        int[] label = match.label();
        int[] object = match.object();
        double[][] anchorRows = Matrices.rows(anchors);
        double[][] objectRows = Matrices.rows(objects);
        int[] positives = IntStream.range(0, count).filter(a -> label[a] == Match.POSITIVE).toArray();
        double[] deltaValues = new double[count * 4];
        if (positives.length > 0) {
            double[][] from = new double[positives.length][];
            double[][] to = new double[positives.length][];
            for (int k = 0; k < positives.length; k++) {
                from[k] = anchorRows[positives[k]];
                to[k] = objectRows[object[positives[k]]];
            }
            double[][] encoded = Matrices.rows(coder.encode(Matrices.of(from, 4), Matrices.of(to, 4)));
            for (int k = 0; k < positives.length; k++) {
                System.arraycopy(encoded[k], 0, deltaValues, 4 * positives[k], 4);
            }
        }
        INDArray deltas = count == 0 ? Nd4j.zeros(DataType.DOUBLE, 0, 4)
                : Nd4j.create(deltaValues, new long[] {count, 4}, 'c');
        return new RpnTargets(label, deltas);
    }
}
