package dev.hourglass.collective;

import java.util.Locale;
import mpi.Intracomm;

/**
 * Which allreduce a job runs between its node leaders: the one its override names, or, by default ({@code null} or
 * {@value #AUTO}), the one that measured fastest here for its buffer size and rank count ({@code ./hourglass bench
 * allreduce}, docs/benchmarks.md, "Allreduce"). The trainer builds it once per job ({@code RankTraining}):
 *
 * <pre>{@code
 * MpiTransport leaders = MpiTransport.world();
 * Allreduce interNode = AllreduceChoice.forName(spec.allreduce(), leaders, MPI.COMM_WORLD, gradientFloats);
 * HierarchicalAllreduce allreduce = new HierarchicalAllreduce(interNode);
 * }</pre>
 */
public final class AllreduceChoice {

    /** The name that asks for the measured choice, as {@code null} does. */
    public static final String AUTO = "auto";

    /**
     * Below this Open MPI's allreduce was as fast as ours or faster, averaged over 2, 4 and 8 ranks (at 16 MB ours led
     * at 2 and 4 ranks and trailed at 8); above it Open MPI collapsed (1.4x to 9x slower at 64 MB): its per-call
     * temporary outgrows glibc's largest dynamic mmap threshold (32 MiB on 64-bit), so every call page-faults a fresh
     * mapping (docs/open-mpi.md, "Large allreduce and malloc"). Measured with ./hourglass bench allreduce
     * (docs/benchmarks.md, "Allreduce").
     */
    public static final long MPI_NATIVE_BELOW_BYTES = 32L << 20;
    /**
     * From 1 MB up the ring beat halving-doubling and binary blocks by 7-21% up to 16 MB (a step moves a p-th of the
     * buffer, where their first moves half) and matched them within the noise at 64 and 100 MB; below, their
     * 2·log2(p) messages beat its 2(p-1).
     */
    public static final long RING_FROM_BYTES = 1L << 20;

    private AllreduceChoice() {
    }

    /**
     * The algorithm to run for {@code count} floats over {@code ranks} ranks: Open MPI's own below
     * {@value #MPI_NATIVE_BELOW_BYTES} bytes where it is available; otherwise (and above) the ring from
     * {@value #RING_FROM_BYTES} bytes up, and below that the fewest messages: halving-doubling for a power of two of
     * ranks, binary blocks for any other count.
     *
     * @param mpiNativeAvailable whether Open MPI's own allreduce may be chosen (false over an in-memory transport)
     */
    public static AllreduceAlgorithm choose(int ranks, int count, boolean mpiNativeAvailable) {
        if (ranks < 1 || count < 0) {
            throw new IllegalArgumentException("need at least one rank and a count of 0 or more, got ranks=" + ranks
                    + " count=" + count);
        }
        long bytes = (long) count * Float.BYTES;
        if (mpiNativeAvailable && bytes < MPI_NATIVE_BELOW_BYTES) {
            return AllreduceAlgorithm.MPI_NATIVE;
        }
        if (bytes >= RING_FROM_BYTES) {
            return AllreduceAlgorithm.RING;
        }
        return Integer.bitCount(ranks) == 1 ? AllreduceAlgorithm.HALVING_DOUBLING : AllreduceAlgorithm.BINARY_BLOCKS;
    }

    /** The override's algorithm, or with {@code null} or {@value #AUTO} the {@link #choose measured choice}. */
    public static AllreduceAlgorithm resolve(String nameOrNull, int ranks, int count, boolean mpiNativeAvailable) {
        if (nameOrNull == null || nameOrNull.strip().toLowerCase(Locale.ROOT).equals(AUTO)) {
            return choose(ranks, count, mpiNativeAvailable);
        }
        return AllreduceAlgorithm.named(nameOrNull);
    }

    /**
     * The allreduce a job runs over {@code transport}'s ranks for buffers of {@code count} floats.
     *
     * @param nameOrNull  the job's override: {@code halving-doubling}, {@code binary-blocks}, {@code ring},
     *                    {@code mpi-native}, or {@code null} / {@value #AUTO} to choose by size and rank count
     * @param transport   point-to-point messages among the node leaders, e.g. {@code new MpiTransport(MPI.COMM_WORLD)}
     * @param commOrNull  the MPI communicator of the same ranks, or {@code null} where there is none (tests): then
     *                    the choice never falls on {@code mpi-native}, and naming it is an error
     * @param count       the floats a call will sum, e.g. the model's gradient length
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones), or {@code mpi-native}
     *                                  without a communicator
     */
    public static Allreduce forName(String nameOrNull, Transport transport, Intracomm commOrNull, int count) {
        return resolve(nameOrNull, transport.size(), count, commOrNull != null).over(transport, commOrNull);
    }
}
