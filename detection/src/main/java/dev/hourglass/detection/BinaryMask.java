package dev.hourglass.detection;

import java.util.Arrays;
import java.util.Optional;

/** A binary image of {@code width x height} pixels, row-major: pixel {@code (x, y)} at {@code y * width + x}. */
public final class BinaryMask {

    private final int width;
    private final int height;
    private final boolean[] pixels;

    public BinaryMask(int width, int height) {
        this(width, height, new boolean[checkedSize(width, height)]);
    }

    private BinaryMask(int width, int height, boolean[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** From rows of {@code #} (set) and {@code .} (clear), as {@link #toString()} writes them. */
    public static BinaryMask fromRows(String... rows) {
        int width = rows.length == 0 ? 0 : rows[0].length();
        BinaryMask mask = new BinaryMask(width, rows.length);
        for (int y = 0; y < rows.length; y++) {
            if (rows[y].length() != width) {
                throw new IllegalArgumentException("row " + y + " has " + rows[y].length() + " pixels, row 0 has "
                        + width + "; all rows must be as wide");
            }
            for (int x = 0; x < width; x++) {
                mask.set(x, y, rows[y].charAt(x) == '#');
            }
        }
        return mask;
    }

    private static int checkedSize(int width, int height) {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("mask size " + width + "x" + height + " is negative");
        }
        return Math.multiplyExact(width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean get(int x, int y) {
        return pixels[y * width + x];
    }

    public void set(int x, int y, boolean value) {
        pixels[y * width + x] = value;
    }

    public int area() {
        int area = 0;
        for (boolean pixel : pixels) {
            if (pixel) {
                area++;
            }
        }
        return area;
    }

    public int intersectionArea(BinaryMask other) {
        requireSameSize(other);
        int area = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (pixels[i] && other.pixels[i]) {
                area++;
            }
        }
        return area;
    }

    /** Intersection over union; 0 when both masks are empty. */
    public double iou(BinaryMask other) {
        int intersection = intersectionArea(other);
        int union = area() + other.area() - intersection;
        return union > 0 ? (double) intersection / union : 0;
    }

    public BinaryMask or(BinaryMask other) {
        requireSameSize(other);
        boolean[] result = new boolean[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            result[i] = pixels[i] || other.pixels[i];
        }
        return new BinaryMask(width, height, result);
    }

    /** The pixels of this mask that are not in {@code other}. */
    public BinaryMask minus(BinaryMask other) {
        requireSameSize(other);
        boolean[] result = new boolean[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            result[i] = pixels[i] && !other.pixels[i];
        }
        return new BinaryMask(width, height, result);
    }

    /** The tightest box around the set pixels, each pixel a unit square; empty when none is set. */
    public Optional<Box> boundingBox() {
        int minX = width;
        int minY = height;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (get(x, y)) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        return maxX < 0 ? Optional.empty() : Optional.of(new Box(minX, minY, maxX + 1, maxY + 1));
    }

    private void requireSameSize(BinaryMask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("masks of " + width + "x" + height + " and " + other.width + "x"
                    + other.height + " cannot be combined; both must be the image's size");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryMask m && m.width == width && m.height == height && Arrays.equals(m.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    /** Rows of {@code #} and {@code .}, for test failures. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                text.append(get(x, y) ? '#' : '.');
            }
            text.append('\n');
        }
        return text.toString();
    }
}
