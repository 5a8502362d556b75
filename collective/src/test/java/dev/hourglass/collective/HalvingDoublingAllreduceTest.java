package dev.hourglass.collective;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Recursive halving and doubling, with ranks beyond a power of two folded in first. */
class HalvingDoublingAllreduceTest {

    @ParameterizedTest(name = "{0} ranks, {1} floats")
    @MethodSource("dev.hourglass.collective.AllreduceCheck#ranksAndLengths")
    void sumsLikeAPlainSum(int ranks, int count) {
        AllreduceCheck.sumsLikeAPlainSum(HalvingDoublingAllreduce::new, ranks, count);
    }

    @ParameterizedTest(name = "{0} ranks, {1} floats")
    @MethodSource("dev.hourglass.collective.AllreduceCheck#ranksAndLengths")
    void sumsLikeAPlainSumInSmallPieces(int ranks, int count) {
        AllreduceCheck.sumsLikeAPlainSum(transport -> new HalvingDoublingAllreduce(transport, AllreduceCheck.SMALL_PIECES), ranks, count);
    }

    @Test
    void leavesTheCallersPositionAndLimitAlone() {
        AllreduceCheck.leavesPositionAndLimitAlone(HalvingDoublingAllreduce::new);
    }

    @Test
    void refusesACountPastTheCapacityAndSwappedByteOrder() {
        AllreduceCheck.refusesBadArguments(HalvingDoublingAllreduce::new);
    }

    @Test
    void isNamedForJobOverrides() {
        assertThat(new HalvingDoublingAllreduce(InMemoryTransport.group(1).get(0)).name()).isEqualTo("halving-doubling");
    }
}
