package dev.hourglass.collective;

import java.nio.FloatBuffer;
import java.util.List;

/**
 * Elementwise float sums over buffers, through two small reused heap arrays: C2 vectorizes a loop over arrays but not
 * one over a direct buffer's get and put, and the bulk copies in and out run at memcpy speed (measured here: 3-4x the
 * plain buffer loop). One adder per thread.
 */
final class FloatAdder {

    /** 16 KB per array: both stay in the L1 cache while they are summed. */
    private static final int CHUNK = 4096;

    private final float[] sums = new float[CHUNK];
    private final float[] addend = new float[CHUNK];

    /** {@code target[targetOffset + i] += source[sourceOffset + i]} for i in [0, count). */
    void add(FloatBuffer target, int targetOffset, FloatBuffer source, int sourceOffset, int count) {
        for (int done = 0; done < count; done += CHUNK) {
            int n = Math.min(CHUNK, count - done);
            target.get(targetOffset + done, sums, 0, n);
            source.get(sourceOffset + done, addend, 0, n);
            for (int i = 0; i < n; i++) {
                sums[i] += addend[i];
            }
            target.put(targetOffset + done, sums, 0, n);
        }
    }

    /**
     * Replaces {@code buffers.get(0)[from, to)} with the sum of that range over all the buffers, in one pass: each
     * buffer is read once and the first written once, where pairwise adds would read and write the first every time.
     */
    void sumIntoFirst(List<FloatBuffer> buffers, int from, int to) {
        FloatBuffer first = buffers.get(0);
        for (int start = from; start < to; start += CHUNK) {
            int n = Math.min(CHUNK, to - start);
            first.get(start, sums, 0, n);
            for (int b = 1; b < buffers.size(); b++) {
                buffers.get(b).get(start, addend, 0, n);
                for (int i = 0; i < n; i++) {
                    sums[i] += addend[i];
                }
            }
            first.put(start, sums, 0, n);
        }
    }
}
