package dev.hourglass.scheduler;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The schedulable nodes of one pass, in name order, bucketed by how many GPUs each has free, so that
 * placing a job is a few bit scans rather than a walk over every node.
 */
final class NodePool {

    private static final int WHOLE = NodeCapacity.GPUS_PER_NODE;

    private final String[] names;
    private final int[] gpuCount;
    /** Bit g set when GPU g of the node is free. */
    private final int[] freeMask;
    private final boolean[] reserved;
    /** available[c]: the nodes, by index, with exactly c free GPUs that no reservation holds. */
    private final BitSet[] available = new BitSet[WHOLE + 1];
    private final int[] availableCount = new int[WHOLE + 1];

    private final int largestNode;
    private final int wholeNodeCount;
    private final int unschedulableCount;

    /** Free GPUs on every schedulable node, reserved ones included. */
    private int freeGpus;
    private int reservedMostFree;
    private int reservedWholeFree;

    NodePool(List<NodeCapacity> nodes) {
        List<NodeCapacity> schedulable = nodes.stream()
                .filter(NodeCapacity::schedulable)
                .sorted(Comparator.comparing(NodeCapacity::name))
                .toList();
        int n = schedulable.size();
        names = new String[n];
        gpuCount = new int[n];
        freeMask = new int[n];
        reserved = new boolean[n];
        for (int c = 0; c <= WHOLE; c++) {
            available[c] = new BitSet(n);
        }
        for (int i = 0; i < n; i++) {
            NodeCapacity node = schedulable.get(i);
            names[i] = node.name();
            gpuCount[i] = node.gpuCount();
            for (int gpu : node.freeGpus()) {
                freeMask[i] |= 1 << gpu;
            }
            int free = node.freeGpus().size();
            available[free].set(i);
            availableCount[free]++;
            freeGpus += free;
        }
        largestNode = IntStream.of(gpuCount).max().orElse(0);
        wholeNodeCount = (int) IntStream.of(gpuCount).filter(count -> count == WHOLE).count();
        unschedulableCount = nodes.size() - n;
    }

    /** Whether the schedulable cluster, emptied of every job, could hold this one. */
    boolean couldEverHold(QueuedJob job) {
        return job.spansNodes() ? job.wholeNodes() <= wholeNodeCount : job.gpus() <= largestNode;
    }

    /** Takes GPUs for the job from nodes no reservation holds, or takes nothing when they do not suffice. */
    Optional<List<GpuSlot>> tryPlace(QueuedJob job) {
        return job.spansNodes() ? tryPlaceOnWholeNodes(job.wholeNodes()) : tryPlaceOnOneNode(job.gpus());
    }

    // Best fit: the fullest node that still has k free keeps emptier nodes whole for large jobs.
    private Optional<List<GpuSlot>> tryPlaceOnOneNode(int k) {
        for (int free = k; free <= WHOLE; free++) {
            int node = available[free].nextSetBit(0);
            if (node >= 0) {
                return Optional.of(take(node, k));
            }
        }
        return Optional.empty();
    }

    private Optional<List<GpuSlot>> tryPlaceOnWholeNodes(int count) {
        if (availableCount[WHOLE] < count) {
            return Optional.empty();
        }
        int[] chosen = new int[count];
        int node = -1;
        for (int i = 0; i < count; i++) {
            node = available[WHOLE].nextSetBit(node + 1);
            chosen[i] = node;
        }
        List<GpuSlot> slots = new ArrayList<>(count * WHOLE);
        for (int each : chosen) {
            slots.addAll(take(each, WHOLE));
        }
        return Optional.of(slots);
    }

    private List<GpuSlot> take(int node, int k) {
        int mask = freeMask[node];
        int before = Integer.bitCount(mask);
        List<GpuSlot> slots = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            int gpu = Integer.numberOfTrailingZeros(mask);
            slots.add(new GpuSlot(names[node], gpu));
            mask &= mask - 1;
        }
        freeMask[node] = mask;
        move(node, before, before - k);
        freeGpus -= k;
        return slots;
    }

    private void move(int node, int fromFree, int toFree) {
        available[fromFree].clear(node);
        availableCount[fromFree]--;
        available[toFree].set(node);
        availableCount[toFree]++;
    }

    /**
     * Holds the nodes the job will start on once they drain: for a single-node job the node with the most
     * free GPUs that is big enough, for a multi-node job the 8-GPU nodes with the most free GPUs.
     * Ties go to the lower node name. Call only for a job that {@link #couldEverHold} the cluster.
     */
    List<String> reserveFor(QueuedJob job) {
        Comparator<Integer> mostFreeFirst = Comparator.<Integer>comparingInt(node -> -free(node))
                .thenComparingInt(node -> node);
        int minimumSize = job.spansNodes() ? WHOLE : job.gpus();
        int count = job.spansNodes() ? job.wholeNodes() : 1;
        List<Integer> chosen = IntStream.range(0, names.length)
                .filter(node -> !reserved[node] && gpuCount[node] >= minimumSize)
                .boxed()
                .sorted(mostFreeFirst)
                .limit(count)
                .sorted()
                .toList();
        List<String> chosenNames = new ArrayList<>(chosen.size());
        for (int node : chosen) {
            reserved[node] = true;
            available[free(node)].clear(node);
            availableCount[free(node)]--;
            reservedMostFree = Math.max(reservedMostFree, free(node));
            reservedWholeFree += free(node) == WHOLE ? 1 : 0;
            chosenNames.add(names[node]);
        }
        return chosenNames;
    }

    /** Whether the job would fit if reserved nodes were open to it. */
    boolean fitsCountingReserved(QueuedJob job) {
        return job.spansNodes() ? job.wholeNodes() <= wholeFreeNodes() : job.gpus() <= mostFreeOnOneNode();
    }

    private int free(int node) {
        return Integer.bitCount(freeMask[node]);
    }

    int freeGpus() {
        return freeGpus;
    }

    int mostFreeOnOneNode() {
        for (int free = WHOLE; free > reservedMostFree; free--) {
            if (availableCount[free] > 0) {
                return free;
            }
        }
        return reservedMostFree;
    }

    int wholeFreeNodes() {
        return availableCount[WHOLE] + reservedWholeFree;
    }

    int largestNode() {
        return largestNode;
    }

    int wholeNodeCount() {
        return wholeNodeCount;
    }

    int unschedulableCount() {
        return unschedulableCount;
    }
}
