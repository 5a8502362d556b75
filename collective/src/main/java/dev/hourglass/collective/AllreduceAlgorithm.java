package dev.hourglass.collective;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mpi.Intracomm;
import mpi.MPIException;

/** The allreduce algorithms by the names jobs and benchmarks use, and how to build each over a group of ranks. */
public enum AllreduceAlgorithm {

    HALVING_DOUBLING("halving-doubling"),
    BINARY_BLOCKS("binary-blocks"),
    RING("ring"),
    MPI_NATIVE("mpi-native");

    private final String id;

    AllreduceAlgorithm(String id) {
        this.id = id;
    }

    /** The name in job overrides and benchmark reports, e.g. {@code binary-blocks}. */
    public String id() {
        return id;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(AllreduceAlgorithm::id).toList();
    }

    /** The algorithm called {@code id} (case-insensitive), or an exception that lists the known names. */
    public static AllreduceAlgorithm named(String id) {
        for (AllreduceAlgorithm algorithm : values()) {
            if (algorithm.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("unknown allreduce algorithm '" + id + "'; known: " + String.join(", ", ids())
                + ", or " + AllreduceChoice.AUTO + " to choose by buffer size and rank count");
    }

    /**
     * This algorithm over {@code transport}'s ranks.
     *
     * @param commOrNull the MPI communicator of the same ranks; needed by {@link #MPI_NATIVE} only
     */
    public Allreduce over(Transport transport, Intracomm commOrNull) {
        return switch (this) {
            case HALVING_DOUBLING -> new HalvingDoublingAllreduce(transport);
            case BINARY_BLOCKS -> new BinaryBlocksAllreduce(transport);
            case RING -> new RingAllreduce(transport);
            case MPI_NATIVE -> new MpiNativeAllreduce(sameRanks(transport, commOrNull));
        };
    }

    private static Intracomm sameRanks(Transport transport, Intracomm comm) {
        if (comm == null) {
            throw new IllegalArgumentException(MPI_NATIVE.id + " runs Open MPI's MPI_Allreduce and needs the MPI"
                    + " communicator of the transport's ranks; pass it, or choose one of the point-to-point algorithms "
                    + String.join(", ", HALVING_DOUBLING.id, BINARY_BLOCKS.id, RING.id));
        }
        try {
            if (comm.getSize() != transport.size() || comm.getRank() != transport.rank()) {
                throw new IllegalArgumentException("the communicator (rank " + comm.getRank() + " of " + comm.getSize()
                        + ") and the transport (rank " + transport.rank() + " of " + transport.size()
                        + ") must be the same ranks");
            }
        } catch (MPIException e) {
            throw new IllegalStateException("cannot read the communicator's rank and size (is MPI initialized?)", e);
        }
        return comm;
    }
}
