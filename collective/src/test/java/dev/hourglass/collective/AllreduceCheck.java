package dev.hourglass.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Runs an algorithm on every rank of an in-memory group and checks every rank's result against the plain sum. */
final class AllreduceCheck {

    /** None, one, primes, fewer than the ranks, not multiples of any rank count, and lengths of many pieces. */
    static final int[] LENGTHS = {0, 1, 2, 3, 5, 7, 8, 13, 64, 127, 1_000, 4_099};
    /** So small that most lengths above travel in several pieces. */
    static final int SMALL_PIECES = 3;

    private AllreduceCheck() {
    }

    static void sumsLikeAPlainSum(Function<Transport, Allreduce> algorithm, int ranks, int count) {
        List<FloatBuffer> results = RanksInThreads.run(ranks, transport -> {
            FloatBuffer buffer = PlainSum.contribution(transport.rank(), count);
            algorithm.apply(transport).sum(buffer, count);
            return buffer;
        });
        for (int rank = 0; rank < ranks; rank++) {
            PlainSum.assertSumOf(ranks, count, results.get(rank), "rank " + rank + " of " + ranks);
        }
        PlainSum.assertIdentical(results, count, ranks + " ranks");
    }

    /** The buffer's position and a limit below the count neither hide part of the range nor change. */
    static void leavesPositionAndLimitAlone(Function<Transport, Allreduce> algorithm) {
        int ranks = 3;
        int count = 100;
        List<FloatBuffer> results = RanksInThreads.run(ranks, transport -> {
            FloatBuffer buffer = PlainSum.contribution(transport.rank(), count);
            buffer.position(7).limit(20);
            algorithm.apply(transport).sum(buffer, count);
            assertThat(buffer.position()).isEqualTo(7);
            assertThat(buffer.limit()).isEqualTo(20);
            return buffer.clear();
        });
        for (int rank = 0; rank < ranks; rank++) {
            PlainSum.assertSumOf(ranks, count, results.get(rank), "rank " + rank);
        }
    }

    /** Refused before any message leaves, so that no peer is left waiting. */
    static void refusesBadArguments(Function<Transport, Allreduce> algorithm) {
        Allreduce single = algorithm.apply(InMemoryTransport.group(1).get(0));
        FloatBuffer four = PlainSum.contribution(0, 1);
        assertThatThrownBy(() -> single.sum(four, 5)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessageContaining("count 5 does not fit a buffer of capacity 4");
        FloatBuffer bigEndian = ByteBuffer.allocateDirect(16).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
        if (ByteOrder.nativeOrder() != ByteOrder.BIG_ENDIAN) {
            assertThatThrownBy(() -> single.sum(bigEndian, 4)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("native byte order");
        }
    }

    /** Every (ranks, length) pair for p = 1..9. */
    static Stream<Arguments> ranksAndLengths() {
        return IntStream.rangeClosed(1, 9).boxed()
                .flatMap(ranks -> Arrays.stream(LENGTHS).mapToObj(length -> Arguments.of(ranks, length)));
    }
}
