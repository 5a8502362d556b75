package dev.hourglass.detection.coco;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.Box;

/** An entry of {@code annotations}: one object instance on one image. */
public record CocoAnnotation(long id, long imageId, long categoryId, Box box, double area, boolean crowd,
        Segmentation segmentation) {

    public BinaryMask mask(CocoImage image) {
        return segmentation.toMask(image.width(), image.height());
    }
}
