package dev.hourglass.trainer.data;

import dev.hourglass.trainer.data.ImageBatchLoader.Batch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A job's images as its replicas see them: each training iteration, replica r (numbered across all nodes) gets
 * its own n images of one global seeded shuffle (the paper's data rule, {@link EpochShards}); for validation,
 * replica r takes every k-th image starting at r, so the k replicas cover the validation split exactly once.
 */
public final class ReplicaBatches implements TrainingData<Batch> {

    private final ImageFolder train;
    private final ImageFolder validation;
    private final ImageBatchLoader trainLoader;
    private final ImageBatchLoader validationLoader;
    private final EpochShards shards;
    private final int perReplicaBatch;
    private final int replicas;

    private ReplicaBatches(ImageFolder train, ImageFolder validation, ImageTransform transform, int perReplicaBatch,
                           int replicas, long seed) {
        if (!train.classes().equals(validation.classes())) {
            throw new IllegalArgumentException(train.root() + ": the train and val splits have different classes ("
                    + train.classes().size() + " and " + validation.classes().size() + "); they must be the same");
        }
        this.train = train;
        this.validation = validation;
        this.trainLoader = new ImageBatchLoader(train, transform, seed);
        this.validationLoader = new ImageBatchLoader(validation, transform, seed);
        this.shards = new EpochShards(train.size(), perReplicaBatch, replicas, seed);
        this.perReplicaBatch = perReplicaBatch;
        this.replicas = replicas;
    }

    /** Opens {@code root/train} and {@code root/val}, each image transformed by {@code transform}. */
    public static ReplicaBatches open(Path root, ImageTransform transform, int perReplicaBatch, int replicas, long seed)
            throws IOException {
        return new ReplicaBatches(ImageFolder.open(root, "train"), ImageFolder.open(root, "val"), transform,
                perReplicaBatch, replicas, seed);
    }

    public int classes() {
        return train.classes().size();
    }

    @Override
    public int trainImages() {
        return train.size();
    }

    @Override
    public int iterationsPerEpoch() {
        return shards.iterationsPerEpoch();
    }

    /** Replica {@code replica}'s augmented minibatch for iteration {@code iteration} of epoch {@code epoch}. */
    @Override
    public Batch train(int epoch, int iteration, int replica) {
        try {
            return trainLoader.train(epoch, shards.indices(epoch, iteration, replica));
        } catch (IOException e) {
            throw new UncheckedIOException("reading replica " + replica + "'s images of epoch " + epoch
                    + ", iteration " + iteration + ": " + e.getMessage(), e);
        }
    }

    /** Replica {@code replica}'s share of the validation split, centre-cropped, in minibatches of at most n. */
    public List<Batch> validation(int replica) {
        int[] mine = new int[(validation.size() - replica + replicas - 1) / replicas];
        for (int i = 0; i < mine.length; i++) {
            mine[i] = replica + i * replicas;
        }
        List<Batch> batches = new ArrayList<>();
        try {
            for (int from = 0; from < mine.length; from += perReplicaBatch) {
                batches.add(validationLoader.validation(Arrays.copyOfRange(mine, from,
                        Math.min(mine.length, from + perReplicaBatch))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading replica " + replica + "'s validation images: " + e.getMessage(), e);
        }
        return batches;
    }
}
