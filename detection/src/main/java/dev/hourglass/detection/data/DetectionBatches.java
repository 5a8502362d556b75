package dev.hourglass.detection.data;

import dev.hourglass.detection.coco.CocoFolder;
import dev.hourglass.detection.coco.CocoImage;
import dev.hourglass.detection.model.DetectionBatch;
import dev.hourglass.trainer.data.EpochShards;
import dev.hourglass.trainer.data.TrainingData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A COCO-format dataset ({@code annotations/instances_train.json} and {@code instances_val.json} with the images
 * in {@code train/} and {@code val/}) as a Mask R-CNN job's replicas see it: the paper's data rule over the training
 * images ({@link EpochShards}), and the validation split whole, for the AP evaluation.
 */
public final class DetectionBatches implements TrainingData<DetectionMinibatch> {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "val";

    private final CocoFolder train;
    private final CocoFolder validation;
    private final EpochShards shards;
    private final long seed;

    private DetectionBatches(CocoFolder train, CocoFolder validation, int perReplicaBatch, int replicas, long seed) {
        if (!train.dataset().categories().equals(validation.dataset().categories())) {
            throw new IllegalArgumentException(train.root() + ": the train and val splits have different categories;"
                    + " they must be the same");
        }
        this.train = train;
        this.validation = validation;
        this.shards = new EpochShards(train.dataset().images().size(), perReplicaBatch, replicas, seed);
        this.seed = seed;
    }

    public static DetectionBatches open(Path root, int perReplicaBatch, int replicas, long seed) throws IOException {
        return new DetectionBatches(CocoFolder.open(root, TRAIN), CocoFolder.open(root, VALIDATION), perReplicaBatch,
                replicas, seed);
    }

    /** Object classes, background not counted. */
    public int classes() {
        return train.dataset().categories().size();
    }

    @Override
    public int trainImages() {
        return train.dataset().images().size();
    }

    @Override
    public int iterationsPerEpoch() {
        return shards.iterationsPerEpoch();
    }

    public CocoFolder validation() {
        return validation;
    }

    @Override
    public DetectionMinibatch train(int epoch, int iteration, int replica) {
        int[] indices = shards.indices(epoch, iteration, replica);
        List<DetectionBatch> images = new ArrayList<>(indices.length);
        long[] seeds = new long[indices.length];
        try {
            for (int i = 0; i < indices.length; i++) {
                CocoImage image = train.dataset().images().get(indices[i]);
                images.add(DetectionBatch.read(train, List.of(image), DataType.FLOAT));
                seeds[i] = samplingSeed(epoch, indices[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading replica " + replica + "'s images of epoch " + epoch
                    + ", iteration " + iteration + ": " + e.getMessage(), e);
        }
        return new DetectionMinibatch(images, seeds);
    }

    /** The same for an image in an epoch wherever it is trained: on which replica, of how many, does not matter. */
    private long samplingSeed(int epoch, int image) {
        return (seed * 1_000_003L + epoch) * 2_654_435_761L + image;
    }
}
