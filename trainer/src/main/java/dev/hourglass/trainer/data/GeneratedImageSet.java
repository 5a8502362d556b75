package dev.hourglass.trainer.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The built-in image sets, written in ImageNet layout: each image a shape (disc, square, triangle, cross) filled with
 * stripes in one direction, at a random place, size and rotation, in random colours on a noisy background; the class
 * is the pair of shape and stripe direction. Colour and position say nothing about the class, so a small ResNet has to
 * learn shape and texture; the same seed writes the same bytes.
 * <ul>
 *   <li>{@code generated} ({@link Style#EIGHT_CLASSES}): 8 classes, stripes horizontal or vertical, 4,096 training
 *       images; learnt in a few epochs, for quick jobs and tests.</li>
 *   <li>{@code generated-16k} ({@link Style#SIXTEEN_CLASSES}): 16 classes, stripes 45 degrees apart and each tilted
 *       by up to 20 degrees, smaller shapes, 16,384 training images: large enough for the paper's regime (kn/N of
 *       1/128 at kn=128) and hard enough that a small ResNet's error after a few epochs is not zero.</li>
 * </ul>
 */
public final class GeneratedImageSet {

    public static final List<String> CLASSES = Style.EIGHT_CLASSES.classes();
    /** 4,096 training images: the size the recipe module assumes for {@code generated}. */
    public static final int TRAIN_PER_CLASS = 512;
    public static final int VALIDATION_PER_CLASS = 128;
    public static final int SIZE = 32;

    /** What the images of a set show. */
    public enum Style {
        EIGHT_CLASSES(List.of(0, 90), 0, 0.45, 0.35),
        SIXTEEN_CLASSES(List.of(0, 45, 90, 135), 20, 0.35, 0.35);

        private static final List<String> SHAPES = List.of("disc", "square", "triangle", "cross");

        private final List<Integer> stripeDegrees;
        private final double tiltDegrees;
        private final double smallestExtent;
        private final double extentRange;

        /**
         * @param stripeDegrees  the stripe directions, one class per shape and direction
         * @param tiltDegrees    the most by which an image's stripes turn from their class's direction
         * @param smallestExtent the smallest shape, as a fraction of the image side
         * @param extentRange    how much larger a shape may be, as a fraction of the side
         */
        Style(List<Integer> stripeDegrees, double tiltDegrees, double smallestExtent, double extentRange) {
            this.stripeDegrees = stripeDegrees;
            this.tiltDegrees = tiltDegrees;
            this.smallestExtent = smallestExtent;
            this.extentRange = extentRange;
        }

        /** Class names, shape by shape: {@code disc-horizontal} ... in the 8-class set, {@code disc-45deg} ... else. */
        public List<String> classes() {
            List<String> names = new ArrayList<>();
            for (String shape : SHAPES) {
                for (int degrees : stripeDegrees) {
                    names.add(shape + "-" + directionName(degrees));
                }
            }
            return List.copyOf(names);
        }

        private String directionName(int degrees) {
            if (stripeDegrees.size() == 2) {
                return degrees == 0 ? "horizontal" : "vertical";
            }
            return degrees + "deg";
        }
    }

    private GeneratedImageSet() {
    }

    /** Writes the 8-class set's {@code root/train} and {@code root/val}; returns {@code root}. */
    public static Path write(Path root, int trainPerClass, int validationPerClass, int size, long seed)
            throws IOException {
        return write(Style.EIGHT_CLASSES, root, trainPerClass, validationPerClass, size, seed);
    }

    /** Writes {@code root/train} and {@code root/val} of a set in {@code style}; returns {@code root}. */
    public static Path write(Style style, Path root, int trainPerClass, int validationPerClass, int size, long seed)
            throws IOException {
        writeSplit(style, root.resolve("train"), trainPerClass, size, seed);
        writeSplit(style, root.resolve("val"), validationPerClass, size, seed + 1);
        return root;
    }

    /** {@code generated}: 4,096 training and 1,024 validation images. */
    public static Path writeDefault(Path root) throws IOException {
        return write(root, TRAIN_PER_CLASS, VALIDATION_PER_CLASS, SIZE, DEFAULT_SEED);
    }

    /** {@code generated-16k}: 16,384 training and 2,048 validation images. */
    public static Path writeSixteenThousand(Path root) throws IOException {
        return write(Style.SIXTEEN_CLASSES, root, 1024, 128, SIZE, DEFAULT_SEED);
    }

    private static final long DEFAULT_SEED = 1_706_026_77L;

    private static void writeSplit(Style style, Path dir, int perClass, int size, long seed) throws IOException {
        List<String> classes = style.classes();
        for (int label = 0; label < classes.size(); label++) {
            Path classDir = Files.createDirectories(dir.resolve(classes.get(label)));
            for (int i = 0; i < perClass; i++) {
                SplittableRandom random = new SplittableRandom(seed * 7_919L + label * 1_000_003L + i);
                ImageIO.write(draw(style, label, size, random), "png",
                        classDir.resolve(String.format("%05d.png", i)).toFile());
            }
        }
    }

    static BufferedImage draw(int label, int size, SplittableRandom random) {
        return draw(Style.EIGHT_CLASSES, label, size, random);
    }

    static BufferedImage draw(Style style, int label, int size, SplittableRandom random) {
        int directions = style.stripeDegrees.size();
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int grey = 96 + random.nextInt(64);
                image.setRGB(x, y, new Color(grey, grey, grey).getRGB());
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double extent = size * (style.smallestExtent + style.extentRange * random.nextDouble());
        double cx = extent / 2 + random.nextDouble() * (size - extent);
        double cy = extent / 2 + random.nextDouble() * (size - extent);
        AffineTransform placement = new AffineTransform();
        placement.translate(cx, cy);
        placement.rotate((random.nextDouble() - 0.5) * Math.PI / 6);
        Shape shape = placement.createTransformedShape(shape(label / directions, extent));
        g.setClip(shape);
        Color ink = randomColour(random);
        Color paper = randomColour(random);
        g.setColor(paper);
        g.fill(shape.getBounds2D());
        g.setColor(ink);
        g.setStroke(new BasicStroke(Math.max(1f, size / 16f)));
        double degrees = style.stripeDegrees.get(label % directions);
        if (style.tiltDegrees > 0) {
            degrees += (2 * random.nextDouble() - 1) * style.tiltDegrees;
        }
        // lines y = offset through a square twice the image's side, turned about the origin to the stripes' direction
        g.rotate(Math.toRadians(degrees));
        int period = Math.max(3, size / 8);
        for (int offset = -2 * size / period * period; offset < 2 * size; offset += period) {
            g.drawLine(-2 * size, offset, 2 * size, offset);
        }
        g.dispose();
        return image;
    }

    private static Shape shape(int kind, double extent) {
        double half = extent / 2;
        return switch (kind) {
            case 0 -> new Ellipse2D.Double(-half, -half, extent, extent);
            case 1 -> new Rectangle2D.Double(-half * 0.85, -half * 0.85, extent * 0.85, extent * 0.85);
            case 2 -> new Polygon(new int[] {0, (int) Math.round(half), (int) Math.round(-half)},
                    new int[] {(int) Math.round(-half), (int) Math.round(half), (int) Math.round(half)}, 3);
            default -> {
                java.awt.geom.Area cross = new java.awt.geom.Area(new Rectangle2D.Double(-half, -half / 3, extent, extent / 3));
                cross.add(new java.awt.geom.Area(new Rectangle2D.Double(-half / 3, -half, extent / 3, extent)));
                yield cross;
            }
        };
    }

    private static Color randomColour(SplittableRandom random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }
}
