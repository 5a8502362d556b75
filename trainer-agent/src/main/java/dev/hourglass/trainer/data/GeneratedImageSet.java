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
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * The built-in {@code generated} dataset, written in ImageNet layout: 8 classes, each a shape (disc, square,
 * triangle, cross) filled with stripes of one orientation (horizontal or vertical), at a random place, size and
 * rotation, in random colours on a noisy background. Colour and position say nothing about the class, so a
 * small ResNet has to learn shape and texture; the same seed writes the same bytes.
 */
public final class GeneratedImageSet {

    public static final List<String> CLASSES = List.of("disc-horizontal", "disc-vertical", "square-horizontal",
            "square-vertical", "triangle-horizontal", "triangle-vertical", "cross-horizontal", "cross-vertical");
    /** 4,096 training images: the size the recipe module assumes for {@code generated}. */
    public static final int TRAIN_PER_CLASS = 512;
    public static final int VALIDATION_PER_CLASS = 128;
    public static final int SIZE = 32;

    private GeneratedImageSet() {
    }

    /** Writes {@code root/train} and {@code root/val}; returns {@code root}. */
    public static Path write(Path root, int trainPerClass, int validationPerClass, int size, long seed)
            throws IOException {
        writeSplit(root.resolve("train"), trainPerClass, size, seed);
        writeSplit(root.resolve("val"), validationPerClass, size, seed + 1);
        return root;
    }

    public static Path writeDefault(Path root) throws IOException {
        return write(root, TRAIN_PER_CLASS, VALIDATION_PER_CLASS, SIZE, 1_706_026_77L);
    }

    private static void writeSplit(Path dir, int perClass, int size, long seed) throws IOException {
        for (int label = 0; label < CLASSES.size(); label++) {
            Path classDir = Files.createDirectories(dir.resolve(CLASSES.get(label)));
            for (int i = 0; i < perClass; i++) {
                SplittableRandom random = new SplittableRandom(seed * 7_919L + label * 1_000_003L + i);
                ImageIO.write(draw(label, size, random), "png", classDir.resolve(String.format("%05d.png", i)).toFile());
            }
        }
    }

    static BufferedImage draw(int label, int size, SplittableRandom random) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int grey = 96 + random.nextInt(64);
                image.setRGB(x, y, new Color(grey, grey, grey).getRGB());
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        double extent = size * (0.45 + 0.35 * random.nextDouble());
        double cx = extent / 2 + random.nextDouble() * (size - extent);
        double cy = extent / 2 + random.nextDouble() * (size - extent);
        AffineTransform placement = new AffineTransform();
        placement.translate(cx, cy);
        placement.rotate((random.nextDouble() - 0.5) * Math.PI / 6);
        Shape shape = placement.createTransformedShape(shape(label / 2, extent));
        g.setClip(shape);
        Color ink = randomColour(random);
        Color paper = randomColour(random);
        g.setColor(paper);
        g.fill(shape.getBounds2D());
        g.setColor(ink);
        g.setStroke(new BasicStroke(Math.max(1f, size / 16f)));
        boolean horizontal = label % 2 == 0;
        int period = Math.max(3, size / 8);
        for (int offset = 0; offset < size; offset += period) {
            if (horizontal) {
                g.drawLine(0, offset, size, offset);
            } else {
                g.drawLine(offset, 0, offset, size);
            }
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
