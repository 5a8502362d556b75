package dev.hourglass.detection.eval;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.Box;
import dev.hourglass.detection.coco.CocoAnnotation;
import dev.hourglass.detection.coco.CocoImage;

/** One annotated object to be found; {@code mask} may be null where only box AP is evaluated. */
public record GroundTruthInstance(long imageId, long categoryId, Box box, BinaryMask mask) {

    public static GroundTruthInstance of(CocoImage image, CocoAnnotation annotation) {
        return new GroundTruthInstance(image.id(), annotation.categoryId(), annotation.box(), annotation.mask(image));
    }
}
