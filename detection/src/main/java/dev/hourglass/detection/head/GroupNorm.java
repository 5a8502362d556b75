package dev.hourglass.detection.head;

import java.util.function.UnaryOperator;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Group Normalization (Wu and He, 2018) in a SameDiff graph: each example's channels split into {@code groups}
 * groups, each group normalised by its own mean and variance over its channels (and pixels), then a per-channel
 * scale ({@code /gamma}, starting at 1) and shift ({@code /beta}, starting at 0). It does not depend on the batch, so
 * one image per replica normalises as well as sixteen. Composed from means, matrix products and elementwise ops
 * because SameDiff's own normalisation ops have no working backward in this release (docs/nd4j.md, "SameDiff
 * normalisation backward"); the group statistics are channel statistics averaged by a constant {@code [C, G]} matrix,
 * which needs no reshape of the unknown batch and image sizes (SameDiff's reshape loses gradients).
 */
final class GroupNorm {

    private static final double EPSILON = 1e-5;

    private GroupNorm() {
    }

    /** Feature maps {@code [N, C, H, W]}. */
    static SDVariable apply(SameDiff sd, String name, SDVariable x, int channels, int groups, DataType dataType) {
        return normalise(sd, name, x, channels, groups, dataType, maps -> maps.mean(2, 3),
                perChannel -> sd.expandDims(sd.expandDims(perChannel, 2), 3));
    }

    /** Feature vectors {@code [N, C]}, a fully connected layer's outputs. */
    static SDVariable applyToVectors(SameDiff sd, String name, SDVariable x, int channels, int groups,
            DataType dataType) {
        return normalise(sd, name, x, channels, groups, dataType, vectors -> vectors, perChannel -> perChannel);
    }

    /**
     * {@code channelMeans} takes x (or a function of it) to per-channel means {@code [N, C]}; {@code broadcast} takes
     * those back to x's shape for the elementwise ops.
     */
    private static SDVariable normalise(SameDiff sd, String name, SDVariable x, int channels, int groups,
            DataType dataType, UnaryOperator<SDVariable> channelMeans, UnaryOperator<SDVariable> broadcast) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException(name + ": " + channels + " channels do not split into " + groups
                    + " groups");
        }
        int perGroup = channels / groups;
        INDArray average = Nd4j.zeros(dataType, channels, groups);
        INDArray spread = Nd4j.zeros(dataType, groups, channels);
        for (int c = 0; c < channels; c++) {
            average.putScalar(c, c / perGroup, 1.0 / perGroup);
            spread.putScalar(c / perGroup, c, 1.0);
        }
        SDVariable toGroups = sd.constant(name + "/channels-to-groups", average);
        SDVariable toChannels = sd.constant(name + "/groups-to-channels", spread);
        SDVariable mean = channelMeans.apply(x).mmul(toGroups).mmul(toChannels);
        SDVariable centred = x.sub(broadcast.apply(mean));
        SDVariable variance = channelMeans.apply(centred.mul(centred)).mmul(toGroups).mmul(toChannels);
        SDVariable scale = sd.math().rsqrt(variance.add(EPSILON));
        SDVariable gamma = sd.var(name + "/gamma", Nd4j.ones(dataType, 1, channels));
        SDVariable beta = sd.var(name + "/beta", Nd4j.zeros(dataType, 1, channels));
        return centred.mul(broadcast.apply(scale.mul(gamma))).add(broadcast.apply(beta));
    }
}
