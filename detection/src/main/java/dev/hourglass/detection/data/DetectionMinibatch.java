package dev.hourglass.detection.data;

import dev.hourglass.detection.model.DetectionBatch;
import java.util.List;

/**
 * One replica's images of one iteration, each its own single-image batch with the seed of its anchor and RoI
 * sampling. Each image's loss is normalised by its own sampled anchors and RoIs and the replica sums them, so the
 * minibatch's gradient does not depend on how its images are split over replicas and ranks.
 */
public record DetectionMinibatch(List<DetectionBatch> images, long[] samplingSeeds) {

    public DetectionMinibatch {
        if (images.size() != samplingSeeds.length) {
            throw new IllegalArgumentException(images.size() + " images but " + samplingSeeds.length
                    + " sampling seeds: one per image");
        }
        images = List.copyOf(images);
        samplingSeeds = samplingSeeds.clone();
    }

    public int size() {
        return images.size();
    }

    @Override
    public long[] samplingSeeds() {
        return samplingSeeds.clone();
    }

    public long samplingSeed(int image) {
        return samplingSeeds[image];
    }
}
