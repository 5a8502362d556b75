package dev.hourglass.trainer.detection.head;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Group Normalization (Wu and He, 2018) of {@code [N, C, H, W]} in a SameDiff graph: each image's channels split into
 * {@code groups} groups, each group normalised by its own mean and variance over its channels and pixels, then a
 * per-channel scale ({@code /gamma}, starting at 1) and shift ({@code /beta}, starting at 0). It does not depend on
 * the batch, so one image per replica normalises as well as sixteen. Composed from means, matrix products and
 * elementwise ops because SameDiff's own normalisation ops have no working backward in this release
 * (ND4J-NOTES.md); the group statistics are channel statistics averaged by a constant {@code [C, G]} matrix, which
 * needs no reshape of the unknown batch and image sizes.
 */
final class GroupNorm {

    private static final double EPSILON = 1e-5;

    private GroupNorm() {
    }

    static SDVariable apply(SameDiff sd, String name, SDVariable x, int channels, int groups, DataType dataType) {
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
        SDVariable mean = x.mean(2, 3).mmul(toGroups).mmul(toChannels);
        SDVariable centred = x.sub(asMap(sd, mean));
        SDVariable variance = centred.mul(centred).mean(2, 3).mmul(toGroups).mmul(toChannels);
        SDVariable scale = sd.math().rsqrt(variance.add(EPSILON));
        SDVariable gamma = sd.var(name + "/gamma", Nd4j.ones(dataType, 1, channels));
        SDVariable beta = sd.var(name + "/beta", Nd4j.zeros(dataType, 1, channels));
        return centred.mul(asMap(sd, scale.mul(gamma))).add(asMap(sd, beta));
    }

    /** {@code [N, C]} as {@code [N, C, 1, 1]}, to broadcast over the pixels. */
    private static SDVariable asMap(SameDiff sd, SDVariable perChannel) {
        return sd.expandDims(sd.expandDims(perChannel, 2), 3);
    }
}
