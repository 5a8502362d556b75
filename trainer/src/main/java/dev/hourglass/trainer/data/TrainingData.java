package dev.hourglass.trainer.data;

/**
 * A job's training set as its replicas see it: each iteration, replica r (numbered across all nodes) gets its own n
 * examples of one global seeded shuffle ({@link EpochShards}), the same on every rank without a message.
 *
 * @param <B> what one replica trains on in one iteration
 */
public interface TrainingData<B> {

    /** Training examples in the set. */
    int trainImages();

    /** Whole minibatches of kn in an epoch (the last partial one is dropped). */
    int iterationsPerEpoch();

    /** Replica {@code replica}'s minibatch for iteration {@code iteration} of epoch {@code epoch}. */
    B train(int epoch, int iteration, int replica);
}
