package dev.hourglass.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a job's override (or its absence) becomes an algorithm. */
class AllreduceChoiceTest {

    @Test
    void aJobCanNameEveryAlgorithm() {
        Transport transport = InMemoryTransport.group(1).get(0);

        for (String name : List.of("halving-doubling", "binary-blocks", "ring")) {
            assertThat(AllreduceChoice.forName(name, transport, null, 1_000).name()).isEqualTo(name);
        }
        assertThat(AllreduceChoice.resolve("mpi-native", 4, 1_000, true)).isEqualTo(AllreduceAlgorithm.MPI_NATIVE);
        assertThat(AllreduceChoice.resolve(" Ring ", 4, 1_000, true)).isEqualTo(AllreduceAlgorithm.RING);
    }

    @Test
    void anUnknownNameIsAnErrorThatListsTheKnownOnes() {
        assertThatThrownBy(() -> AllreduceChoice.resolve("tree", 4, 1_000, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown allreduce algorithm 'tree'; known: halving-doubling, binary-blocks, ring, mpi-native,"
                        + " or auto to choose by buffer size and rank count");
    }

    @Test
    void mpiNativeNeedsTheCommunicator() {
        Transport transport = InMemoryTransport.group(1).get(0);

        assertThatThrownBy(() -> AllreduceChoice.forName("mpi-native", transport, null, 1_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the MPI communicator");
    }

    @Test
    void openMpiBelow32MegabytesWhereItsTemporaryStillComesFromTheHeapAndTheRingAbove() {
        int floats32MiB = 8 << 20;

        assertThat(AllreduceChoice.choose(2, 1_024, true)).isEqualTo(AllreduceAlgorithm.MPI_NATIVE);
        assertThat(AllreduceChoice.choose(8, floats32MiB - 1, true)).isEqualTo(AllreduceAlgorithm.MPI_NATIVE);
        assertThat(AllreduceChoice.choose(8, floats32MiB, true)).isEqualTo(AllreduceAlgorithm.RING);
        assertThat(AllreduceChoice.choose(3, 26_214_400, true)).isEqualTo(AllreduceAlgorithm.RING);
    }

    @Test
    void withoutOpenMpiTheFewestMessagesBelowAMegabyteAndTheRingFromThere() {
        int floats1MiB = 256 << 10;

        assertThat(AllreduceChoice.choose(4, 1_024, false)).isEqualTo(AllreduceAlgorithm.HALVING_DOUBLING);
        assertThat(AllreduceChoice.choose(6, floats1MiB - 1, false)).isEqualTo(AllreduceAlgorithm.BINARY_BLOCKS);
        assertThat(AllreduceChoice.choose(6, floats1MiB, false)).isEqualTo(AllreduceAlgorithm.RING);
    }

    @Test
    void noNameOrAutoChoosesByTheMeasurements() {
        for (int ranks = 1; ranks <= 9; ranks++) {
            for (int count : new int[] {0, 1_024, 262_144, 4_194_304, 26_214_400}) {
                AllreduceAlgorithm chosen = AllreduceChoice.choose(ranks, count, true);
                assertThat(AllreduceChoice.resolve(null, ranks, count, true)).isEqualTo(chosen);
                assertThat(AllreduceChoice.resolve("auto", ranks, count, true)).isEqualTo(chosen);
            }
        }
    }

    @Test
    void withoutMpiTheChoiceIsAPointToPointAlgorithmThatWorks() {
        for (int count : new int[] {0, 1, 1_000, 300_000}) {
            assertThat(AllreduceChoice.choose(5, count, false)).isNotEqualTo(AllreduceAlgorithm.MPI_NATIVE);
            AllreduceCheck.sumsLikeAPlainSum(transport -> AllreduceChoice.forName(null, transport, null, count), 5, count);
        }
    }
}
