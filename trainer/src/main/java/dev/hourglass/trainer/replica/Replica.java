package dev.hourglass.trainer.replica;

import java.nio.FloatBuffer;

/**
 * One device's copy of the model: the compute engine behind the trainer. The trainer only ever asks a replica
 * for the gradient of a minibatch in a flat buffer, lets the allreduce sum those buffers, and asks every
 * replica to apply the same update, so another engine (another library, another kind of GPU) or another model
 * family is one more implementation of this interface. Calls come from one thread per replica, always the same one.
 *
 * @param <B> the minibatch one replica trains on: labelled images for a ResNet, images with their objects for
 *            Mask R-CNN
 */
public interface Replica<B> extends AutoCloseable {

    /** Floats in {@link #gradient()}: the length every rank's allreduce sums. */
    int gradientLength();

    /** The flat gradient: a direct, native-order buffer whose memory stays put for the replica's lifetime. */
    FloatBuffer gradient();

    /**
     * Forward and backward over one minibatch. Afterwards {@link #gradient()} holds {@code lossScale} times the
     * sum over the batch of each example's loss gradient (the trainer passes 1/kn, so that the allreduce's plain
     * sum is the gradient of the mean loss over the whole minibatch) and zero where the engine keeps state that
     * is not trained; BN running statistics have been updated on this replica alone.
     */
    BatchResult computeGradient(B batch, double lossScale);

    /** One SGD step with the summed gradient that the allreduce has left in {@link #gradient()}. */
    void applyUpdate(SgdStep step);

    /** Parameters (BN statistics included) and momentum, for a checkpoint. */
    ReplicaState state();

    void restore(ReplicaState state);

    @Override
    void close();
}
