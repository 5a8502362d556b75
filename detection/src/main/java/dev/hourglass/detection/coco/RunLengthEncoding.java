package dev.hourglass.detection.coco;

import dev.hourglass.detection.BinaryMask;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * COCO's run-length encoding of a binary mask: the pixels in column-major order (down each column, then the next
 * column), as alternating run lengths that start with a run of zeros (possibly of length 0). The {@code counts}
 * of an annotation come either as these numbers or as COCO's compressed string ({@link #toCompressedString()}).
 */
public record RunLengthEncoding(int height, int width, int[] counts) {

    public RunLengthEncoding {
        long total = 0;
        for (int count : counts) {
            if (count < 0) {
                throw new IllegalArgumentException("RLE run lengths must be >= 0, got " + count);
            }
            total += count;
        }
        if (total != (long) height * width) {
            throw new IllegalArgumentException("RLE runs add up to " + total + " pixels, the mask size " + height + "x"
                    + width + " has " + (long) height * width);
        }
        counts = counts.clone();
    }

    public static RunLengthEncoding encode(BinaryMask mask) {
        List<Integer> runs = new ArrayList<>();
        boolean current = false;
        int run = 0;
        for (int x = 0; x < mask.width(); x++) {
            for (int y = 0; y < mask.height(); y++) {
                if (mask.get(x, y) != current) {
                    runs.add(run);
                    run = 0;
                    current = !current;
                }
                run++;
            }
        }
        runs.add(run);
        return new RunLengthEncoding(mask.height(), mask.width(), runs.stream().mapToInt(Integer::intValue).toArray());
    }

    public BinaryMask decode() {
        BinaryMask mask = new BinaryMask(width, height);
        int position = 0;
        for (int i = 0; i < counts.length; i++) {
            boolean value = i % 2 == 1;
            for (int k = 0; k < counts[i]; k++, position++) {
                if (value) {
                    mask.set(position / height, position % height, true);
                }
            }
        }
        return mask;
    }

    /**
     * COCO's compressed form (pycocotools' {@code rleToString}): from the fourth run on, each run is written as its
     * difference to the run two before; each number goes out in 5-bit groups, least significant first, as the
     * characters {@code 48 + group}, with bit 0x20 set while more groups follow; the last group's bit 0x10 carries
     * the sign.
     */
    public String toCompressedString() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            long value = i > 2 ? (long) counts[i] - counts[i - 2] : counts[i];
            boolean more = true;
            while (more) {
                int group = (int) (value & 0x1f);
                value >>= 5;
                more = (group & 0x10) != 0 ? value != -1 : value != 0;
                if (more) {
                    group |= 0x20;
                }
                text.append((char) (group + 48));
            }
        }
        return text.toString();
    }

    public static RunLengthEncoding fromCompressedString(String text, int height, int width) {
        List<Integer> runs = new ArrayList<>();
        int position = 0;
        while (position < text.length()) {
            long value = 0;
            int shift = 0;
            boolean more = true;
            while (more) {
                if (position >= text.length()) {
                    throw new IllegalArgumentException("compressed RLE '" + text + "' ends inside a number");
                }
                int group = text.charAt(position++) - 48;
                if (group < 0 || group > 0x3f) {
                    throw new IllegalArgumentException("compressed RLE '" + text + "' has character '"
                            + text.charAt(position - 1) + "'; only characters '0' to 'o' occur in it");
                }
                value |= (long) (group & 0x1f) << shift;
                shift += 5;
                more = (group & 0x20) != 0;
                if (!more && (group & 0x10) != 0) {
                    value |= -1L << shift;
                }
            }
            if (runs.size() > 2) {
                value += runs.get(runs.size() - 2);
            }
            runs.add(Math.toIntExact(value));
        }
        return new RunLengthEncoding(height, width, runs.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public int[] counts() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunLengthEncoding r && r.height == height && r.width == width
                && Arrays.equals(r.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "RunLengthEncoding[" + height + "x" + width + ", counts=" + Arrays.toString(counts) + "]";
    }
}
