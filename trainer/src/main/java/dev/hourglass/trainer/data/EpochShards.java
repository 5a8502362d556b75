package dev.hourglass.trainer.data;

import java.util.Random;

/**
 * The paper's data rule: one global shuffle of the training set per epoch, seeded so that every rank computes
 * the same permutation without talking, split into disjoint parts, one per replica. Iteration {@code t} of an
 * epoch uses positions {@code [t*kn, (t+1)*kn)} of the permutation; replica {@code r} (numbered across all
 * nodes) takes its {@code n} consecutive positions of those. The last partial minibatch of an epoch is dropped.
 */
public final class EpochShards {

    private final int datasetSize;
    private final int perReplicaBatch;
    private final int replicas;
    private final long seed;
    private int cachedEpoch = -1;
    private int[] cachedPermutation;

    public EpochShards(int datasetSize, int perReplicaBatch, int replicas, long seed) {
        if (perReplicaBatch < 1 || replicas < 1) {
            throw new IllegalArgumentException("perReplicaBatch=" + perReplicaBatch + " and replicas=" + replicas
                    + " must be positive");
        }
        if ((long) perReplicaBatch * replicas > datasetSize) {
            throw new IllegalArgumentException("kn=" + (long) perReplicaBatch * replicas + " is larger than the"
                    + " dataset's " + datasetSize + " images: an epoch would have no iteration");
        }
        this.datasetSize = datasetSize;
        this.perReplicaBatch = perReplicaBatch;
        this.replicas = replicas;
        this.seed = seed;
    }

    public int iterationsPerEpoch() {
        return datasetSize / (perReplicaBatch * replicas);
    }

    /** The dataset indices replica {@code replica} trains on at iteration {@code iteration} of epoch {@code epoch}. */
    public int[] indices(int epoch, int iteration, int replica) {
        if (iteration < 0 || iteration >= iterationsPerEpoch()) {
            throw new IllegalArgumentException("iteration " + iteration + " is outside the epoch's "
                    + iterationsPerEpoch() + " iterations");
        }
        if (replica < 0 || replica >= replicas) {
            throw new IllegalArgumentException("replica " + replica + " is not one of the " + replicas);
        }
        int[] permutation = permutation(epoch);
        int start = iteration * perReplicaBatch * replicas + replica * perReplicaBatch;
        int[] indices = new int[perReplicaBatch];
        System.arraycopy(permutation, start, indices, 0, perReplicaBatch);
        return indices;
    }

    /** A Fisher-Yates shuffle from a seed of (job seed, epoch): identical on every rank. */
    synchronized int[] permutation(int epoch) {
        if (epoch != cachedEpoch) {
            int[] permutation = new int[datasetSize];
            for (int i = 0; i < datasetSize; i++) {
                permutation[i] = i;
            }
            Random random = new Random(seed * 1_000_003L + epoch);
            for (int i = datasetSize - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = swap;
            }
            cachedPermutation = permutation;
            cachedEpoch = epoch;
        }
        return cachedPermutation;
    }
}
