package dev.hourglass.collective;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainer's allreduce: the device replicas' gradients of this node are summed into one buffer, that buffer is
 * summed across the node leaders (one rank per node) with the inter-node algorithm, and the result is copied back to
 * every replica. The sum inside the node and the copy back are split across threads for large buffers, since both are
 * bound by memory bandwidth, which grows with the cores used.
 *
 * <p>The first replica's buffer serves as the node's buffer, so a call allocates nothing: a first touch of fresh
 * memory costs ~11 us per 4 KB page on these machines (docs/open-mpi.md, "Large allreduce and malloc"). Call
 * {@link #sum} from one thread; {@link #close} stops the helper threads.
 */
public final class HierarchicalAllreduce implements AutoCloseable {

    /**
     * Shorter ranges are summed on the calling thread: handing parts to helpers costs ~10 us a call (4 replicas of 4 KB:
     * 3.4 us on one thread, 13.5 us on two), and on the shared 2 cores here two threads only broke even from 1 MB.
     */
    static final int MINIMUM_TO_SPLIT = 256 * 1024;
    private static final int MAX_DEFAULT_THREADS = 8;

    private final Allreduce interNode;
    private final ParallelRanges ranges;
    private final FloatAdder[] adders;
    /** The current call's replica buffers as views whose limit covers the count; reused from call to call. */
    private final List<FloatBuffer> replicas = new ArrayList<>();
    private final ParallelRanges.RangeTask sumIntoFirst = this::sumIntoFirst;
    private final ParallelRanges.RangeTask copyFromFirst = this::copyFromFirst;

    /** Sums inside the node on up to as many threads as there are cores (at most 8). */
    public HierarchicalAllreduce(Allreduce interNode) {
        this(interNode, Math.min(Runtime.getRuntime().availableProcessors(), MAX_DEFAULT_THREADS));
    }

    /** @param nodeThreads threads for the sum inside the node and the copy back, the caller's included */
    public HierarchicalAllreduce(Allreduce interNode, int nodeThreads) {
        this(interNode, nodeThreads, MINIMUM_TO_SPLIT);
    }

    HierarchicalAllreduce(Allreduce interNode, int nodeThreads, int minimumToSplit) {
        if (interNode == null) {
            throw new IllegalArgumentException("the inter-node allreduce is missing; e.g. AllreduceChoice.forName(...)");
        }
        if (nodeThreads < 1) {
            throw new IllegalArgumentException("nodeThreads must be at least 1, got " + nodeThreads);
        }
        this.interNode = interNode;
        this.ranges = new ParallelRanges(nodeThreads, minimumToSplit, "hierarchical-allreduce");
        this.adders = new FloatAdder[nodeThreads];
        for (int i = 0; i < nodeThreads; i++) {
            adders[i] = new FloatAdder();
        }
    }

    /** {@code hierarchical(ring)} and the like: the inter-node algorithm inside. */
    public String name() {
        return "hierarchical(" + interNode.name() + ")";
    }

    public Allreduce interNode() {
        return interNode;
    }

    /**
     * Replaces {@code [0, count)} of every replica buffer, on every node, with the sum of that range over all replicas
     * of all nodes. Every node calls it with the same count; nodes may hold different numbers of replicas.
     *
     * @param replicaBuffers this node's replicas' flat gradients: direct buffers in native order (for MPI), each of
     *                       capacity at least {@code count}, no buffer twice; at least one
     */
    public void sum(List<FloatBuffer> replicaBuffers, int count) {
        check(replicaBuffers, count);
        replicas.clear();
        for (FloatBuffer buffer : replicaBuffers) {
            replicas.add(AllreduceArguments.whole(buffer, count));
        }
        try {
            if (replicas.size() > 1) {
                ranges.run(count, sumIntoFirst);
            }
            interNode.sum(replicas.get(0), count);
            if (replicas.size() > 1) {
                ranges.run(count, copyFromFirst);
            }
        } finally {
            replicas.clear();
        }
    }

    private void sumIntoFirst(int part, int from, int to) {
        adders[part].sumIntoFirst(replicas, from, to);
    }

    private void copyFromFirst(int part, int from, int to) {
        FloatBuffer first = replicas.get(0);
        for (int r = 1; r < replicas.size(); r++) {
            replicas.get(r).put(from, first, from, to - from);
        }
    }

    private static void check(List<FloatBuffer> replicaBuffers, int count) {
        if (replicaBuffers == null || replicaBuffers.isEmpty()) {
            throw new IllegalArgumentException("no replica buffers: pass this node's replicas' gradient buffers, at least one");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 or more, got " + count);
        }
        for (int r = 0; r < replicaBuffers.size(); r++) {
            FloatBuffer buffer = replicaBuffers.get(r);
            if (buffer == null) {
                throw new IllegalArgumentException("replica buffer " + r + " is null");
            }
            if (buffer.capacity() < count) {
                throw new IndexOutOfBoundsException("replica buffer " + r + " has capacity " + buffer.capacity()
                        + ", less than the count " + count);
            }
            if (buffer.isDirect() && buffer.order() != ByteOrder.nativeOrder()) {
                throw new IllegalArgumentException("replica buffer " + r + " is a direct buffer in " + buffer.order()
                        + "; it must be in native order (" + ByteOrder.nativeOrder() + ")");
            }
            for (int earlier = 0; earlier < r; earlier++) {
                if (replicaBuffers.get(earlier) == buffer) {
                    throw new IllegalArgumentException("replica buffers " + earlier + " and " + r + " are the same buffer;"
                            + " each replica needs its own, or its gradient would be counted twice");
                }
            }
        }
    }

    @Override
    public void close() {
        ranges.close();
    }
}
