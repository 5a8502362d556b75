package dev.hourglass.collective;

import java.nio.FloatBuffer;

/**
 * Binary blocks (Rabenseifner and Träff 2004; Gloo's halving-doubling for p not a power of two): the ranks split into
 * power-of-two blocks, one per set bit of p, largest first (p = 7: ranks 0-3, 4-5, 6). Each block reduce-scatters
 * within itself by recursive halving; then, from the smallest block up, each block adds in the partial sums of the
 * block below it and passes them on to the block above, so the largest block ends with the full sums; the results
 * travel back down the same way and each block finishes with a recursive doubling allgather. For a power of two this
 * is {@link HalvingDoublingAllreduce} exactly; otherwise no rank sits the halving out, and a small block's partial sums
 * spread over all the members of the block above instead of landing whole on one partner.
 */
public final class BinaryBlocksAllreduce implements Allreduce {

    private final ReducingExchange exchange;
    private final Transport transport;
    private final HalvingDoublingBlock block;
    /** The first rank of the next larger and the next smaller block, or -1 where there is none. */
    private final int largerBase;
    private final int smallerBase;
    /** log2 of those blocks' sizes. */
    private final int largerDepth;
    private final int smallerDepth;

    public BinaryBlocksAllreduce(Transport transport) {
        this(transport, ReducingExchange.DEFAULT_PIECE_FLOATS);
    }

    /** @param pieceFloats the most floats one reducing message carries (and the scratch buffer it needs) */
    public BinaryBlocksAllreduce(Transport transport, int pieceFloats) {
        this.transport = transport;
        this.exchange = new ReducingExchange(transport, pieceFloats);
        int rank = transport.rank();
        // Blocks in rank order, one per set bit of the size, largest first.
        int[] depths = new int[Integer.bitCount(transport.size())];
        int[] bases = new int[depths.length];
        int mine = 0;
        for (int b = 0, base = 0, rest = transport.size(); b < depths.length; b++) {
            depths[b] = 31 - Integer.numberOfLeadingZeros(rest);
            bases[b] = base;
            base += 1 << depths[b];
            rest -= 1 << depths[b];
            if (rank >= bases[b]) {
                mine = b;
            }
        }
        this.largerBase = mine > 0 ? bases[mine - 1] : -1;
        this.largerDepth = mine > 0 ? depths[mine - 1] : -1;
        this.smallerBase = mine < depths.length - 1 ? bases[mine + 1] : -1;
        this.smallerDepth = mine < depths.length - 1 ? depths[mine + 1] : -1;
        int[] members = new int[1 << depths[mine]];
        for (int m = 0; m < members.length; m++) {
            members[m] = bases[mine] + m;
        }
        this.block = new HalvingDoublingBlock(exchange, members, rank - bases[mine]);
    }

    @Override
    public String name() {
        return AllreduceAlgorithm.BINARY_BLOCKS.id();
    }

    @Override
    public void sum(FloatBuffer caller, int count) {
        FloatBuffer buffer = AllreduceArguments.check(caller, count);
        if (transport.size() == 1 || count == 0) {
            return;
        }
        int depth = block.depth();
        int member = block.member();
        int from = HalvingDoublingBlock.nodeStart(count, depth, member);
        int length = HalvingDoublingBlock.nodeStart(count, depth, member + 1) - from;
        block.reduceScatter(buffer, count);
        // The smaller block's member whose (larger) node contains ours.
        int smallerPeer = smallerBase < 0 ? -1 : smallerBase + (member >> (depth - smallerDepth));
        if (smallerPeer >= 0) {
            exchange.recvAdd(buffer, from, length, smallerPeer);
        }
        if (largerBase >= 0) {
            int parts = 1 << (largerDepth - depth);
            for (int part = 0; part < parts; part++) {
                int peer = member * parts + part;
                int peerFrom = HalvingDoublingBlock.nodeStart(count, largerDepth, peer);
                exchange.send(buffer, peerFrom, HalvingDoublingBlock.nodeStart(count, largerDepth, peer + 1) - peerFrom,
                        largerBase + peer);
            }
            for (int part = 0; part < parts; part++) {
                int peer = member * parts + part;
                int peerFrom = HalvingDoublingBlock.nodeStart(count, largerDepth, peer);
                int peerLength = HalvingDoublingBlock.nodeStart(count, largerDepth, peer + 1) - peerFrom;
                if (peerLength > 0) {
                    transport.recv(buffer, peerFrom, peerLength, largerBase + peer);
                }
            }
        }
        if (smallerPeer >= 0 && length > 0) {
            transport.send(buffer, from, length, smallerPeer);
        }
        block.allgather(buffer, count);
    }
}
