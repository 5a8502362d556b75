package dev.hourglass.detection.coco;

import dev.hourglass.detection.BinaryMask;
import dev.hourglass.detection.Box;
import dev.hourglass.recipe.BuiltInDataset;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The built-in {@code generated-coco} dataset, written in COCO layout ({@link CocoFolder}): small images holding two
 * to four rectangles, ellipses and triangles of random size, aspect, rotation and colour on a noisy background, later
 * shapes partly covering earlier ones. Each annotation is the visible part of its shape: a polygon where nothing
 * covers it, a compressed RLE mask where something does. Colour says nothing about the class; the same seed writes
 * the same bytes.
 */
public final class GeneratedCocoSet {

    public static final List<String> CLASSES = List.of("rectangle", "ellipse", "triangle");
    /** The size the recipe plans a job on {@code generated-coco} with. */
    public static final int TRAIN_IMAGES = (int) BuiltInDataset.GENERATED_COCO.trainImages();
    public static final int VALIDATION_IMAGES = 64;
    public static final int SIZE = 64;
    public static final String TRAIN = "train";
    public static final String VALIDATION = "val";

    private static final int MAX_OBJECTS = 4;
    private static final int PLACEMENT_TRIES = 20;
    /** A shape stays only if at least this share of it, and {@link #MIN_VISIBLE_PIXELS}, remain visible. */
    private static final double MIN_VISIBLE_FRACTION = 0.4;
    private static final int MIN_VISIBLE_PIXELS = 16;
    private static final int ELLIPSE_POINTS = 32;

    private GeneratedCocoSet() {
    }

    /** Writes the {@code train} and {@code val} splits under {@code root}; returns {@code root}. */
    public static Path write(Path root, int trainImages, int validationImages, int size, long seed)
            throws IOException {
        writeSplit(root, TRAIN, trainImages, size, seed);
        writeSplit(root, VALIDATION, validationImages, size, seed + 1);
        return root;
    }

    public static Path writeDefault(Path root) throws IOException {
        return write(root, TRAIN_IMAGES, VALIDATION_IMAGES, SIZE, 1_703_068_70L);
    }

    private static void writeSplit(Path root, String split, int count, int size, long seed) throws IOException {
        Path imageDir = Files.createDirectories(root.resolve(split));
        List<CocoImage> images = new ArrayList<>();
        List<CocoAnnotation> annotations = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SplittableRandom random = new SplittableRandom(seed * 7_919L + i);
            CocoImage image = new CocoImage(i + 1, String.format("%06d.png", i + 1), size, size);
            List<PlacedShape> shapes = placeShapes(size, random);
            ImageIO.write(paint(shapes, size, random), "png", imageDir.resolve(image.fileName()).toFile());
            for (int k = 0; k < shapes.size(); k++) {
                annotations.add(annotation(annotations.size() + 1, image, shapes, k));
            }
            images.add(image);
        }
        List<CocoCategory> categories = new ArrayList<>();
        for (int c = 0; c < CLASSES.size(); c++) {
            categories.add(new CocoCategory(c + 1, CLASSES.get(c), "shape"));
        }
        CocoInstancesFile.write(new CocoDataset(images, categories, annotations), CocoFolder.annotationFile(root, split));
    }

    private record PlacedShape(int classIndex, double[] polygon, BinaryMask full) {
    }

    private static List<PlacedShape> placeShapes(int size, SplittableRandom random) {
        int wanted = 2 + random.nextInt(MAX_OBJECTS - 1);
        List<PlacedShape> shapes = new ArrayList<>();
        for (int n = 0; n < wanted; n++) {
            for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
                int classIndex = random.nextInt(CLASSES.size());
                double[] polygon = outline(classIndex, size, random);
                PlacedShape candidate = new PlacedShape(classIndex, polygon,
                        PolygonRasterizer.rasterize(List.of(polygon), size, size));
                if (everyShapeStaysVisible(shapes, candidate)) {
                    shapes.add(candidate);
                    break;
                }
            }
        }
        return shapes;
    }

    private static boolean everyShapeStaysVisible(List<PlacedShape> below, PlacedShape top) {
        List<PlacedShape> all = new ArrayList<>(below);
        all.add(top);
        for (int k = 0; k < all.size(); k++) {
            int visible = visibleMask(all, k).area();
            if (visible < MIN_VISIBLE_PIXELS || visible < MIN_VISIBLE_FRACTION * all.get(k).full().area()) {
                return false;
            }
        }
        return true;
    }

    private static BinaryMask visibleMask(List<PlacedShape> shapes, int index) {
        BinaryMask visible = shapes.get(index).full();
        for (int above = index + 1; above < shapes.size(); above++) {
            visible = visible.minus(shapes.get(above).full());
        }
        return visible;
    }

    /** A closed outline inside the image: {@code [x1, y1, x2, y2, ...]}. */
    private static double[] outline(int classIndex, int size, SplittableRandom random) {
        double extent = size * (0.25 + 0.3 * random.nextDouble());
        double half = extent / 2;
        double cx = half + random.nextDouble() * (size - extent);
        double cy = half + random.nextDouble() * (size - extent);
        double angle = random.nextDouble() * Math.PI;
        double aspect = 0.5 + 0.5 * random.nextDouble();
        double[][] local = switch (classIndex) {
            case 0 -> new double[][] {{-half, -half * aspect}, {half, -half * aspect}, {half, half * aspect},
                    {-half, half * aspect}};
            case 1 -> ellipse(half, half * aspect);
            default -> new double[][] {{0, -half}, {half * aspect, half}, {-half * aspect, half}};
        };
        // rotating a shape of radius <= half*sqrt(2) may leave the image; the clamp keeps every point inside
        double[] polygon = new double[local.length * 2];
        for (int i = 0; i < local.length; i++) {
            double x = cx + local[i][0] * Math.cos(angle) - local[i][1] * Math.sin(angle);
            double y = cy + local[i][0] * Math.sin(angle) + local[i][1] * Math.cos(angle);
            polygon[2 * i] = Math.max(0, Math.min(size, x));
            polygon[2 * i + 1] = Math.max(0, Math.min(size, y));
        }
        return polygon;
    }

    private static double[][] ellipse(double a, double b) {
        double[][] points = new double[ELLIPSE_POINTS][];
        for (int i = 0; i < ELLIPSE_POINTS; i++) {
            double t = 2 * Math.PI * i / ELLIPSE_POINTS;
            points[i] = new double[] {a * Math.cos(t), b * Math.sin(t)};
        }
        return points;
    }

    private static BufferedImage paint(List<PlacedShape> shapes, int size, SplittableRandom random) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] background = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, noisy(background, 24, random));
            }
        }
        for (PlacedShape shape : shapes) {
            int[] colour = contrastingColour(background, random);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    if (shape.full().get(x, y)) {
                        image.setRGB(x, y, noisy(colour, 12, random));
                    }
                }
            }
        }
        return image;
    }

    /** A colour whose brightness differs from the background's, so that every shape can be seen. */
    private static int[] contrastingColour(int[] background, SplittableRandom random) {
        while (true) {
            int[] colour = {random.nextInt(256), random.nextInt(256), random.nextInt(256)};
            if (Math.abs(luma(colour) - luma(background)) > 48) {
                return colour;
            }
        }
    }

    private static double luma(int[] rgb) {
        return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    }

    private static int noisy(int[] rgb, int amplitude, SplittableRandom random) {
        int value = 0;
        for (int channel = 0; channel < 3; channel++) {
            int v = rgb[channel] + random.nextInt(2 * amplitude + 1) - amplitude;
            value = (value << 8) | Math.max(0, Math.min(255, v));
        }
        return value;
    }

    private static CocoAnnotation annotation(long id, CocoImage image, List<PlacedShape> shapes, int index) {
        PlacedShape shape = shapes.get(index);
        BinaryMask visible = visibleMask(shapes, index);
        Segmentation segmentation = visible.equals(shape.full())
                ? new Segmentation.Polygons(List.of(shape.polygon()))
                : new Segmentation.Rle(RunLengthEncoding.encode(visible), true);
        Box box = visible.boundingBox().orElseThrow();
        return new CocoAnnotation(id, image.id(), shape.classIndex() + 1, box, visible.area(), false, segmentation);
    }
}
