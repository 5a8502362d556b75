package dev.hourglass.detection.coco;

/** An entry of {@code categories}. COCO's ids are not contiguous (1..90 for 80 classes). */
public record CocoCategory(long id, String name, String supercategory) {
}
