package dev.hourglass.collective;

import java.nio.FloatBuffer;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * {@link Transport} over Open MPI's Java bindings: blocking {@code MPI_Send}, {@code MPI_Recv} and
 * {@code MPI_Sendrecv} of {@code MPI_FLOAT}s on one communicator. Call it from one thread (the worker initializes
 * MPI without thread support), after {@code MPI.Init}.
 *
 * <p>Pass direct buffers ({@code MPI.newFloatBuffer}): the bindings hand MPI their address, where a heap buffer's
 * array is copied on every call. The bindings ignore a direct buffer's position, so a range that does not start
 * at 0 travels as a view; {@link FloatBuffer#slice(int, int)} makes one without touching the caller's position
 * and limit, which {@code MPI.slice} resets (docs/open-mpi.md, "Buffers and slices"). Offsets are absolute, from 0
 * to the capacity, whatever the buffer's position and limit.
 */
public final class MpiTransport implements Transport {

    /** One tag for every message: MPI delivers messages between two ranks on one communicator in order. */
    private static final int TAG = 0x4867;

    private final Intracomm comm;
    private final int rank;
    private final int size;

    public MpiTransport(Intracomm comm) {
        this.comm = comm;
        try {
            this.rank = comm.getRank();
            this.size = comm.getSize();
        } catch (MPIException e) {
            throw new IllegalStateException("cannot read rank and size of the communicator (is MPI initialized?)", e);
        }
    }

    /** Every rank of the job: {@code MPI.COMM_WORLD}. */
    public static MpiTransport world() {
        return new MpiTransport(MPI.COMM_WORLD);
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void send(FloatBuffer data, int offset, int count, int dest) {
        FloatBuffer view = view(data, offset, count, "send");
        try {
            comm.send(view, count, MPI.FLOAT, dest, TAG);
        } catch (MPIException e) {
            throw failure("MPI_Send of " + count + " floats from rank " + rank + " to rank " + dest, e);
        }
    }

    @Override
    public void recv(FloatBuffer data, int offset, int count, int source) {
        FloatBuffer view = view(data, offset, count, "recv");
        try {
            comm.recv(view, count, MPI.FLOAT, source, TAG);
        } catch (MPIException e) {
            throw failure("MPI_Recv of " + count + " floats on rank " + rank + " from rank " + source, e);
        }
    }

    @Override
    public void sendRecv(FloatBuffer send, int sendOffset, int sendCount, int dest,
                         FloatBuffer recv, int recvOffset, int recvCount, int source) {
        FloatBuffer sendView = view(send, sendOffset, sendCount, "sendRecv's send");
        FloatBuffer recvView = view(recv, recvOffset, recvCount, "sendRecv's recv");
        try {
            comm.sendRecv(sendView, sendCount, MPI.FLOAT, dest, TAG, recvView, recvCount, MPI.FLOAT, source, TAG);
        } catch (MPIException e) {
            throw failure("MPI_Sendrecv on rank " + rank + " (" + sendCount + " floats to rank " + dest + ", "
                    + recvCount + " from rank " + source + ")", e);
        }
    }

    /** The buffer itself for a range from 0 (no allocation), else a view starting at {@code offset}. */
    private static FloatBuffer view(FloatBuffer data, int offset, int count, String what) {
        if (offset < 0 || count < 0 || offset > data.capacity() - count) {
            throw new IndexOutOfBoundsException(what + ": floats [" + offset + ", " + ((long) offset + count)
                    + ") do not fit a buffer of capacity " + data.capacity());
        }
        if (offset == 0) {
            return data;
        }
        // slice(index, length) checks against the limit; a caller's lower limit must not hide the range.
        return offset + count <= data.limit() ? data.slice(offset, count) : data.duplicate().clear().slice(offset, count);
    }

    private static IllegalStateException failure(String what, MPIException e) {
        return new IllegalStateException(what + " failed: " + e.getMessage(), e);
    }
}
