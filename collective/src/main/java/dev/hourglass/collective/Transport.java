package dev.hourglass.collective;

import java.nio.FloatBuffer;

/**
 * Point-to-point messages among the ranks of one group: Open MPI between node leaders in production,
 * threads in memory in unit tests. Offsets and counts are in floats; buffers are direct in production so
 * that MPI reads and writes them without a copy. Calls block until the message is sent or received.
 */
public interface Transport {

    int rank();

    int size();

    void send(FloatBuffer data, int offset, int count, int dest);

    void recv(FloatBuffer data, int offset, int count, int source);

    /** Sends to {@code dest} and receives from {@code source} at once, so that pairs of ranks cannot deadlock. */
    void sendRecv(FloatBuffer send, int sendOffset, int sendCount, int dest,
                  FloatBuffer recv, int recvOffset, int recvCount, int source);
}
