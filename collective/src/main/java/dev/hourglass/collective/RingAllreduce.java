package dev.hourglass.collective;

import java.nio.FloatBuffer;

/**
 * The ring: a reduce-scatter of p segments around the ring in p-1 steps, then an allgather in p-1 more. Every rank
 * sends and receives 2(p-1)/p of the buffer, the least any allreduce can, in 2(p-1) messages: the algorithm for large
 * buffers. Segments travel in pieces (buckets) of bounded size, each added while still in cache (Gloo's ring_chunked).
 */
public final class RingAllreduce implements Allreduce {

    private final ReducingExchange exchange;
    private final Transport transport;

    public RingAllreduce(Transport transport) {
        this(transport, ReducingExchange.DEFAULT_PIECE_FLOATS);
    }

    /** @param pieceFloats the most floats one reducing message carries (and the scratch buffer it needs) */
    public RingAllreduce(Transport transport, int pieceFloats) {
        this.transport = transport;
        this.exchange = new ReducingExchange(transport, pieceFloats);
    }

    @Override
    public String name() {
        return AllreduceAlgorithm.RING.id();
    }

    @Override
    public void sum(FloatBuffer caller, int count) {
        FloatBuffer buffer = AllreduceArguments.check(caller, count);
        int size = transport.size();
        if (size == 1 || count == 0) {
            return;
        }
        int rank = transport.rank();
        int next = (rank + 1) % size;
        int previous = (rank + size - 1) % size;
        // Segments differ in length by at most one, so every rank cuts every segment into the same number of pieces.
        int pieces = exchange.pieces((count + size - 1) / size);
        for (int step = 0; step < size - 1; step++) {
            int out = Math.floorMod(rank - step, size);
            int in = Math.floorMod(rank - step - 1, size);
            exchange.sendRecvAdd(buffer, start(count, out), length(count, out), next,
                    start(count, in), length(count, in), previous, pieces);
        }
        for (int step = 0; step < size - 1; step++) {
            int out = Math.floorMod(rank + 1 - step, size);
            int in = Math.floorMod(rank - step, size);
            // Sent even when empty: the neighbour's receive of this segment must be matched.
            transport.sendRecv(buffer, start(count, out), length(count, out), next,
                    buffer, start(count, in), length(count, in), previous);
        }
    }

    private int start(int count, int segment) {
        return ReducingExchange.cut(count, segment, transport.size());
    }

    private int length(int count, int segment) {
        return start(count, segment + 1) - start(count, segment);
    }
}
