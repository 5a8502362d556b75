package dev.hourglass.collective;

import java.nio.FloatBuffer;

/**
 * Recursive halving reduce-scatter, then recursive doubling allgather: 2·log2(p) messages per rank, which is why it
 * wins over the ring for small and mid-size buffers (the paper's systems section).
 *
 * <p>Any rank count is accepted: with p not a power of two, the first 2r ranks (r = p minus the largest power of two
 * below it) fold in pairs first: each even one sends its whole buffer to the odd one after it, which takes part for
 * both and sends the result back. Those pairs move the whole buffer twice more, so the others wait on them;
 * {@link BinaryBlocksAllreduce} spreads that work instead.
 */
public final class HalvingDoublingAllreduce implements Allreduce {

    private final ReducingExchange exchange;
    private final Transport transport;
    /** Ranks beyond the largest power of two; they fold into a partner. */
    private final int extra;
    /** Null on a rank that folds its buffer into a partner and sits the main phase out. */
    private final HalvingDoublingBlock block;

    public HalvingDoublingAllreduce(Transport transport) {
        this(transport, ReducingExchange.DEFAULT_PIECE_FLOATS);
    }

    /** @param pieceFloats the most floats one reducing message carries (and the scratch buffer it needs) */
    public HalvingDoublingAllreduce(Transport transport, int pieceFloats) {
        this.transport = transport;
        this.exchange = new ReducingExchange(transport, pieceFloats);
        int size = transport.size();
        int powerOfTwo = Integer.highestOneBit(size);
        this.extra = size - powerOfTwo;
        int rank = transport.rank();
        // Member v of the power-of-two group is rank 2v+1 among the folded pairs, else rank v+extra.
        int[] members = new int[powerOfTwo];
        for (int v = 0; v < powerOfTwo; v++) {
            members[v] = v < extra ? 2 * v + 1 : v + extra;
        }
        boolean foldsAway = rank < 2 * extra && rank % 2 == 0;
        int member = rank < 2 * extra ? rank / 2 : rank - extra;
        this.block = foldsAway ? null : new HalvingDoublingBlock(exchange, members, member);
    }

    @Override
    public String name() {
        return AllreduceAlgorithm.HALVING_DOUBLING.id();
    }

    @Override
    public void sum(FloatBuffer caller, int count) {
        FloatBuffer buffer = AllreduceArguments.check(caller, count);
        if (transport.size() == 1 || count == 0) {
            return;
        }
        int rank = transport.rank();
        if (block == null) {
            exchange.send(buffer, 0, count, rank + 1);
            transport.recv(buffer, 0, count, rank + 1);
            return;
        }
        boolean foldedInto = rank < 2 * extra;
        if (foldedInto) {
            exchange.recvAdd(buffer, 0, count, rank - 1);
        }
        block.reduceScatter(buffer, count);
        block.allgather(buffer, count);
        if (foldedInto) {
            transport.send(buffer, 0, count, rank - 1);
        }
    }
}
