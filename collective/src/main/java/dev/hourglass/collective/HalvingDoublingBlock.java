package dev.hourglass.collective;

import java.nio.FloatBuffer;

/**
 * Recursive halving and recursive doubling among a power-of-two group of ranks (Thakur, Rabenseifner and Gropp 2005),
 * the building block of {@link HalvingDoublingAllreduce} and {@link BinaryBlocksAllreduce}.
 *
 * <p>The buffer is a binary tree of ranges: the node at depth d and index i is
 * {@code [floor(i * count / 2^d), floor((i + 1) * count / 2^d))}, so every node is exactly the union of its two
 * children and blocks of different sizes agree on where the ranges lie. After {@link #reduceScatter}, member m of a
 * block of 2^k holds node (k, m) summed over the block; {@link #allgather} then spreads every member's node to all.
 */
final class HalvingDoublingBlock {

    private final ReducingExchange exchange;
    private final int[] ranks;
    private final int depth;
    private final int member;

    /**
     * @param ranks the block's members' ranks in member order; a power of two of them
     * @param member this rank's index in {@code ranks}
     */
    HalvingDoublingBlock(ReducingExchange exchange, int[] ranks, int member) {
        if (Integer.bitCount(ranks.length) != 1) {
            throw new IllegalArgumentException("a halving-doubling block needs a power of two of ranks, got " + ranks.length);
        }
        this.exchange = exchange;
        this.ranks = ranks.clone();
        this.depth = Integer.numberOfTrailingZeros(ranks.length);
        this.member = member;
    }

    /** log2 of the block's size: the depth of the tree node each member holds after {@link #reduceScatter}. */
    int depth() {
        return depth;
    }

    int member() {
        return member;
    }

    /** The start of the tree node at {@code nodeDepth}, index {@code index}; its end is the start of index + 1. */
    static int nodeStart(int count, int nodeDepth, int index) {
        return (int) (((long) index * count) >> nodeDepth);
    }

    /** Halves the range each step, the highest bit of the member index first, so member m ends holding node (k, m). */
    void reduceScatter(FloatBuffer buffer, int count) {
        for (int step = 0; step < depth; step++) {
            int bit = depth - 1 - step;
            int partner = ranks[member ^ (1 << bit)];
            int mine = member >> bit;
            int theirs = mine ^ 1;
            int keepFrom = nodeStart(count, step + 1, mine);
            int keepLength = nodeStart(count, step + 1, mine + 1) - keepFrom;
            int giveFrom = nodeStart(count, step + 1, theirs);
            int giveLength = nodeStart(count, step + 1, theirs + 1) - giveFrom;
            // Partners see the same two lengths, so both skip an exchange of two empty ranges.
            if (keepLength > 0 || giveLength > 0) {
                exchange.sendRecvAdd(buffer, giveFrom, giveLength, partner, keepFrom, keepLength, partner,
                        exchange.pieces(Math.max(keepLength, giveLength)));
            }
        }
    }

    /** Doubles the range each step, undoing {@link #reduceScatter} in reverse order: the lowest bit first. */
    void allgather(FloatBuffer buffer, int count) {
        for (int step = depth - 1; step >= 0; step--) {
            int bit = depth - 1 - step;
            int partner = ranks[member ^ (1 << bit)];
            int mine = member >> bit;
            int theirs = mine ^ 1;
            int haveFrom = nodeStart(count, step + 1, mine);
            int haveLength = nodeStart(count, step + 1, mine + 1) - haveFrom;
            int getFrom = nodeStart(count, step + 1, theirs);
            int getLength = nodeStart(count, step + 1, theirs + 1) - getFrom;
            if (haveLength > 0 || getLength > 0) {
                exchange.transport().sendRecv(buffer, haveFrom, haveLength, partner, buffer, getFrom, getLength, partner);
            }
        }
    }
}
