package dev.hourglass.collective;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Binary blocks, for every rank count: one block (a power of two) or several (3 = 2 + 1, 7 = 4 + 2 + 1). */
class BinaryBlocksAllreduceTest {

    @ParameterizedTest(name = "{0} ranks, {1} floats")
    @MethodSource("dev.hourglass.collective.AllreduceCheck#ranksAndLengths")
    void sumsLikeAPlainSum(int ranks, int count) {
        AllreduceCheck.sumsLikeAPlainSum(BinaryBlocksAllreduce::new, ranks, count);
    }

    @ParameterizedTest(name = "{0} ranks, {1} floats")
    @MethodSource("dev.hourglass.collective.AllreduceCheck#ranksAndLengths")
    void sumsLikeAPlainSumInSmallPieces(int ranks, int count) {
        AllreduceCheck.sumsLikeAPlainSum(transport -> new BinaryBlocksAllreduce(transport, AllreduceCheck.SMALL_PIECES), ranks, count);
    }

    @Test
    void leavesTheCallersPositionAndLimitAlone() {
        AllreduceCheck.leavesPositionAndLimitAlone(BinaryBlocksAllreduce::new);
    }

    @Test
    void refusesACountPastTheCapacityAndSwappedByteOrder() {
        AllreduceCheck.refusesBadArguments(BinaryBlocksAllreduce::new);
    }

    @Test
    void isNamedForJobOverrides() {
        assertThat(new BinaryBlocksAllreduce(InMemoryTransport.group(1).get(0)).name()).isEqualTo("binary-blocks");
    }
}
