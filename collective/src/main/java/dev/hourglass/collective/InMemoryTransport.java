package dev.hourglass.collective;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link Transport} among threads of one JVM, one thread per rank, for unit tests: a message is copied into a queue
 * per (sender, receiver) pair, so sends never block and messages between two ranks arrive in order, as MPI's do. A
 * receive checks that the message has the length it expects, which catches algorithms whose ranks disagree on the
 * message pattern that MPI might silently truncate.
 */
public final class InMemoryTransport implements Transport {

    /** A receive that waits longer means the ranks' message patterns do not pair up. */
    private static final long RECEIVE_TIMEOUT_SECONDS = 30;

    private final int rank;
    /** {@code queues.get(from * size + to)}: messages from one rank to another. */
    private final List<BlockingQueue<float[]>> queues;
    private final int size;

    private InMemoryTransport(int rank, int size, List<BlockingQueue<float[]>> queues) {
        this.rank = rank;
        this.size = size;
        this.queues = queues;
    }

    /** {@code size} connected transports, rank i at index i; give each to its own thread. */
    public static List<Transport> group(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a group needs at least one rank, got " + size);
        }
        List<BlockingQueue<float[]>> queues = new ArrayList<>(size * size);
        for (int i = 0; i < size * size; i++) {
            queues.add(new LinkedBlockingQueue<>());
        }
        List<Transport> group = new ArrayList<>(size);
        for (int rank = 0; rank < size; rank++) {
            group.add(new InMemoryTransport(rank, size, queues));
        }
        return List.copyOf(group);
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
        checkRange(data, offset, count, "send");
        checkPeer(dest, "send to");
        float[] message = new float[count];
        AllreduceArguments.whole(data, offset + count).get(offset, message, 0, count);
        queues.get(rank * size + dest).add(message);
    }

    @Override
    public void recv(FloatBuffer data, int offset, int count, int source) {
        checkRange(data, offset, count, "recv");
        checkPeer(source, "receive from");
        float[] message;
        try {
            message = queues.get(source * size + rank).poll(RECEIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rank " + rank + " was interrupted waiting for a message from rank " + source, e);
        }
        if (message == null) {
            throw new IllegalStateException("rank " + rank + " waited " + RECEIVE_TIMEOUT_SECONDS + " s for " + count
                    + " floats from rank " + source + " and none came: the ranks' messages do not pair up");
        }
        if (message.length != count) {
            throw new IllegalStateException("rank " + rank + " expected " + count + " floats from rank " + source
                    + " but a message of " + message.length + " arrived: the ranks disagree on the message pattern");
        }
        AllreduceArguments.whole(data, offset + count).put(offset, message, 0, count);
    }

    @Override
    public void sendRecv(FloatBuffer send, int sendOffset, int sendCount, int dest,
                         FloatBuffer recv, int recvOffset, int recvCount, int source) {
        checkRange(recv, recvOffset, recvCount, "sendRecv's recv");
        send(send, sendOffset, sendCount, dest);
        recv(recv, recvOffset, recvCount, source);
    }

    private static void checkRange(FloatBuffer data, int offset, int count, String what) {
        if (offset < 0 || count < 0 || offset > data.capacity() - count) {
            throw new IndexOutOfBoundsException(what + ": floats [" + offset + ", " + ((long) offset + count)
                    + ") do not fit a buffer of capacity " + data.capacity());
        }
    }

    private void checkPeer(int peer, String what) {
        if (peer < 0 || peer >= size) {
            throw new IllegalArgumentException("rank " + rank + " cannot " + what + " rank " + peer
                    + ": the group has ranks 0 to " + (size - 1));
        }
    }
}
