package dev.hourglass.detection.coco;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hourglass.detection.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes COCO's instance annotation format ({@code instances_train2017.json} and the like). Fields the
 * trainer does not use ({@code info}, {@code licenses}, image URLs and dates) are skipped on reading.
 */
public final class CocoInstancesFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CocoInstancesFile() {
    }

    public static CocoDataset read(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static CocoDataset parse(JsonNode root) {
        List<CocoImage> images = new ArrayList<>();
        for (JsonNode image : array(root, "images")) {
            images.add(new CocoImage(required(image, "id").asLong(), required(image, "file_name").asText(),
                    required(image, "width").asInt(), required(image, "height").asInt()));
        }
        List<CocoCategory> categories = new ArrayList<>();
        for (JsonNode category : array(root, "categories")) {
            categories.add(new CocoCategory(required(category, "id").asLong(), required(category, "name").asText(),
                    category.path("supercategory").asText("")));
        }
        List<CocoAnnotation> annotations = new ArrayList<>();
        for (JsonNode annotation : array(root, "annotations")) {
            JsonNode bbox = required(annotation, "bbox");
            if (!bbox.isArray() || bbox.size() != 4) {
                throw new IllegalArgumentException("annotation " + annotation.path("id") + ": bbox must be [x, y, "
                        + "width, height], got " + bbox);
            }
            annotations.add(new CocoAnnotation(required(annotation, "id").asLong(),
                    required(annotation, "image_id").asLong(), required(annotation, "category_id").asLong(),
                    Box.fromXywh(bbox.get(0).asDouble(), bbox.get(1).asDouble(), bbox.get(2).asDouble(),
                            bbox.get(3).asDouble()),
                    annotation.path("area").asDouble(), annotation.path("iscrowd").asInt(0) == 1,
                    segmentation(required(annotation, "segmentation"))));
        }
        return new CocoDataset(images, categories, annotations);
    }

    private static Segmentation segmentation(JsonNode node) {
        if (node.isArray()) {
            List<double[]> polygons = new ArrayList<>();
            for (JsonNode polygon : node) {
                double[] points = new double[polygon.size()];
                for (int i = 0; i < points.length; i++) {
                    points[i] = polygon.get(i).asDouble();
                }
                polygons.add(points);
            }
            return new Segmentation.Polygons(polygons);
        }
        JsonNode size = required(node, "size");
        int height = size.get(0).asInt();
        int width = size.get(1).asInt();
        JsonNode counts = required(node, "counts");
        if (counts.isTextual()) {
            return new Segmentation.Rle(RunLengthEncoding.fromCompressedString(counts.asText(), height, width), true);
        }
        int[] runs = new int[counts.size()];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = counts.get(i).asInt();
        }
        return new Segmentation.Rle(new RunLengthEncoding(height, width, runs), false);
    }

    public static void write(CocoDataset dataset, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode images = root.putArray("images");
        for (CocoImage image : dataset.images()) {
            images.addObject().put("id", image.id()).put("file_name", image.fileName()).put("width", image.width())
                    .put("height", image.height());
        }
        ArrayNode annotations = root.putArray("annotations");
        for (CocoAnnotation annotation : dataset.annotations()) {
            ObjectNode node = annotations.addObject().put("id", annotation.id()).put("image_id", annotation.imageId())
                    .put("category_id", annotation.categoryId()).put("iscrowd", annotation.crowd() ? 1 : 0)
                    .put("area", annotation.area());
            ArrayNode bbox = node.putArray("bbox");
            for (double value : annotation.box().toXywh()) {
                bbox.add(value);
            }
            writeSegmentation(annotation.segmentation(), node);
        }
        ArrayNode categories = root.putArray("categories");
        for (CocoCategory category : dataset.categories()) {
            categories.addObject().put("id", category.id()).put("name", category.name())
                    .put("supercategory", category.supercategory());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), root);
    }

    private static void writeSegmentation(Segmentation segmentation, ObjectNode annotation) {
        if (segmentation instanceof Segmentation.Polygons p) {
            ArrayNode polygons = annotation.putArray("segmentation");
            for (double[] polygon : p.polygons()) {
                ArrayNode points = polygons.addArray();
                for (double value : polygon) {
                    points.add(value);
                }
            }
        } else if (segmentation instanceof Segmentation.Rle r) {
            ObjectNode rle = annotation.putObject("segmentation");
            rle.putArray("size").add(r.encoding().height()).add(r.encoding().width());
            if (r.compressed()) {
                rle.put("counts", r.encoding().toCompressedString());
            } else {
                ArrayNode counts = rle.putArray("counts");
                for (int count : r.encoding().counts()) {
                    counts.add(count);
                }
            }
        }
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode node = root.path(field);
        if (!node.isArray()) {
            throw new IllegalArgumentException("a COCO instances file has a '" + field + "' array; this one has "
                    + (node.isMissingNode() ? "none" : node.getNodeType()));
        }
        return node;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("'" + field + "' is missing in " + abbreviate(node));
        }
        return value;
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
