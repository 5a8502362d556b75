package dev.hourglass.detection.coco;

/** An entry of {@code images}: the file name is relative to the split's image folder. */
public record CocoImage(long id, String fileName, int width, int height) {
}
