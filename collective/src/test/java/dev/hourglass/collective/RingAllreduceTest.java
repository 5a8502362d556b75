package dev.hourglass.collective;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ring, one piece per segment and many. */
class RingAllreduceTest {

    @ParameterizedTest(name = "{0} ranks, {1} floats")
    @MethodSource("dev.hourglass.collective.AllreduceCheck#ranksAndLengths")
    void sumsLikeAPlainSum(int ranks, int count) {
        AllreduceCheck.sumsLikeAPlainSum(RingAllreduce::new, ranks, count);
    }

    @ParameterizedTest(name = "{0} ranks, {1} floats")
    @MethodSource("dev.hourglass.collective.AllreduceCheck#ranksAndLengths")
    void sumsLikeAPlainSumInSmallPieces(int ranks, int count) {
        AllreduceCheck.sumsLikeAPlainSum(transport -> new RingAllreduce(transport, AllreduceCheck.SMALL_PIECES), ranks, count);
    }

    @Test
    void leavesTheCallersPositionAndLimitAlone() {
        AllreduceCheck.leavesPositionAndLimitAlone(RingAllreduce::new);
    }

    @Test
    void refusesACountPastTheCapacityAndSwappedByteOrder() {
        AllreduceCheck.refusesBadArguments(RingAllreduce::new);
    }

    @Test
    void isNamedForJobOverrides() {
        assertThat(new RingAllreduce(InMemoryTransport.group(1).get(0)).name()).isEqualTo("ring");
    }
}
