package dev.hourglass.detection.coco;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The content of one {@code instances_*.json}: images, categories and annotations, with look-ups between them. */
public record CocoDataset(List<CocoImage> images, List<CocoCategory> categories, List<CocoAnnotation> annotations) {

    public CocoDataset {
        images = List.copyOf(images);
        categories = List.copyOf(categories);
        annotations = List.copyOf(annotations);
        Map<Long, CocoImage> byId = new LinkedHashMap<>();
        images.forEach(image -> byId.put(image.id(), image));
        List<Long> categoryIds = categories.stream().map(CocoCategory::id).toList();
        for (CocoAnnotation annotation : annotations) {
            if (!byId.containsKey(annotation.imageId())) {
                throw new IllegalArgumentException("annotation " + annotation.id() + " names image "
                        + annotation.imageId() + ", which is not among the images");
            }
            if (!categoryIds.contains(annotation.categoryId())) {
                throw new IllegalArgumentException("annotation " + annotation.id() + " names category "
                        + annotation.categoryId() + "; the categories are " + categoryIds);
            }
        }
    }

    /** Each image's annotations, images in file order, annotations in file order. */
    public Map<CocoImage, List<CocoAnnotation>> annotationsByImage() {
        Map<Long, List<CocoAnnotation>> byImageId = new LinkedHashMap<>();
        images.forEach(image -> byImageId.put(image.id(), new ArrayList<>()));
        annotations.forEach(annotation -> byImageId.get(annotation.imageId()).add(annotation));
        Map<CocoImage, List<CocoAnnotation>> result = new LinkedHashMap<>();
        images.forEach(image -> result.put(image, List.copyOf(byImageId.get(image.id()))));
        return result;
    }

    /** The index 1..C of a category among the sorted ids, 0 being background: the label a model predicts. */
    public int contiguousLabel(long categoryId) {
        List<Long> sorted = categories.stream().map(CocoCategory::id).sorted().toList();
        int index = sorted.indexOf(categoryId);
        if (index < 0) {
            throw new IllegalArgumentException("category " + categoryId + " is not among " + sorted);
        }
        return index + 1;
    }
}
