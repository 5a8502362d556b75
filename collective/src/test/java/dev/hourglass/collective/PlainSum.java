package dev.hourglass.collective;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Random;

/**
 * The reference every allreduce is checked against: each contributor's floats drawn from a seeded generator, summed
 * in double. Floats summed in another order differ by up to about (contributors - 1) ulps of the sum of magnitudes.
 */
final class PlainSum {

    /** Written just past the count; an allreduce must leave it alone. */
    static final float SENTINEL = 12345.5f;
    static final int PAST_COUNT = 3;

    private PlainSum() {
    }

    /** Contributor {@code contributor}'s values in [-1, 1), followed by sentinels, in a direct native-order buffer. */
    static FloatBuffer contribution(int contributor, int count) {
        FloatBuffer buffer = ByteBuffer.allocateDirect((count + PAST_COUNT) * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        Random random = new Random(1706_02677L * 31 + contributor);
        for (int i = 0; i < count; i++) {
            buffer.put(i, random.nextFloat() * 2 - 1);
        }
        for (int i = count; i < count + PAST_COUNT; i++) {
            buffer.put(i, SENTINEL);
        }
        return buffer;
    }

    /** Checks that {@code result} holds the sum of contributors 0 .. contributors-1 and its sentinels are intact. */
    static void assertSumOf(int contributors, int count, FloatBuffer result, String where) {
        double[] sums = new double[count];
        double[] magnitudes = new double[count];
        for (int c = 0; c < contributors; c++) {
            FloatBuffer values = contribution(c, count);
            for (int i = 0; i < count; i++) {
                sums[i] += values.get(i);
                magnitudes[i] += Math.abs(values.get(i));
            }
        }
        for (int i = 0; i < count; i++) {
            double tolerance = 2 * contributors * Math.ulp((float) magnitudes[i]);
            assertThat((double) result.get(i)).as("%s: element %d of %d", where, i, count)
                    .isCloseTo(sums[i], org.assertj.core.data.Offset.offset(tolerance));
        }
        for (int i = count; i < count + PAST_COUNT; i++) {
            assertThat(result.get(i)).as("%s: element %d, past the count %d", where, i, count).isEqualTo(SENTINEL);
        }
    }

    /** Replicas must stay identical in synchronous SGD: every copy of the sum must be the same bits. */
    static void assertIdentical(List<FloatBuffer> results, int count, String where) {
        FloatBuffer first = results.get(0);
        for (int r = 1; r < results.size(); r++) {
            for (int i = 0; i < count; i++) {
                assertThat(Float.floatToRawIntBits(results.get(r).get(i))).as("%s: copy %d, element %d", where, r, i)
                        .isEqualTo(Float.floatToRawIntBits(first.get(i)));
            }
        }
    }
}
