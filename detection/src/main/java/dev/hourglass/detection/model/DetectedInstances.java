package dev.hourglass.detection.model;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.inference.ImageDetections;
import java.util.List;

/** One image's detections with a binary mask on the image for each. */
public record DetectedInstances(ImageDetections detections, List<BinaryMask> masks) {

    public DetectedInstances {
        masks = List.copyOf(masks);
    }
}
