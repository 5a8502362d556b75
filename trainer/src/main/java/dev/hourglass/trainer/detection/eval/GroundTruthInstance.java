package dev.hourglass.trainer.detection.eval;

import dev.hourglass.trainer.detection.BinaryMask;
import dev.hourglass.trainer.detection.Box;
import dev.hourglass.trainer.detection.coco.CocoAnnotation;
import dev.hourglass.trainer.detection.coco.CocoImage;

/** One annotated object to be found; {@code mask} may be null where only box AP is evaluated. */
public record GroundTruthInstance(long imageId, long categoryId, Box box, BinaryMask mask) {

    public static GroundTruthInstance of(CocoImage image, CocoAnnotation annotation) {
        return new GroundTruthInstance(image.id(), annotation.categoryId(), annotation.box(), annotation.mask(image));
    }
}
