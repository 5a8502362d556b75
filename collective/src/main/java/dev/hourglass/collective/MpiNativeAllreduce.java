package dev.hourglass.collective;

import java.nio.FloatBuffer;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * Open MPI's own {@code MPI_Allreduce} (in place, {@code MPI_FLOAT}, {@code MPI_SUM}): the baseline the other
 * algorithms are measured against. Large buffers want {@code MALLOC_MMAP_THRESHOLD_} raised on the mpirun line,
 * because Open MPI allocates a full-size temporary on every call (docs/open-mpi.md, "Large allreduce and malloc").
 */
public final class MpiNativeAllreduce implements Allreduce {

    private final Intracomm comm;

    public MpiNativeAllreduce(Intracomm comm) {
        this.comm = comm;
    }

    /** Over every rank of the job: {@code MPI.COMM_WORLD}. */
    public static MpiNativeAllreduce world() {
        return new MpiNativeAllreduce(MPI.COMM_WORLD);
    }

    @Override
    public String name() {
        return AllreduceAlgorithm.MPI_NATIVE.id();
    }

    @Override
    public void sum(FloatBuffer buffer, int count) {
        AllreduceArguments.check(buffer, count);
        if (count == 0) {
            return;
        }
        try {
            comm.allReduce(buffer, count, MPI.FLOAT, MPI.SUM);
        } catch (MPIException e) {
            throw new IllegalStateException("MPI_Allreduce of " + count + " floats failed: " + e.getMessage(), e);
        }
    }
}
