package dev.hourglass.collective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Nodes as in-memory ranks, each with its replicas' buffers: every replica everywhere ends with the global sum. */
class HierarchicalAllreduceTest {

    static Stream<Arguments> nodesReplicasAndLengths() {
        List<Arguments> cases = new ArrayList<>();
        for (int nodes : new int[] {1, 2, 3, 4}) {
            for (int replicas : new int[] {1, 2, 3, 8}) {
                for (int count : new int[] {0, 1, 7, 1_000, 4_099}) {
                    cases.add(Arguments.of(nodes, replicas, count));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} nodes x {1} replicas, {2} floats")
    @MethodSource("nodesReplicasAndLengths")
    void everyReplicaOfEveryNodeHoldsTheSumOverAll(int nodes, int replicas, int count) {
        List<List<FloatBuffer>> results = runNodes(nodes, node -> replicas, count, BinaryBlocksAllreduce::new, 1);

        assertEveryReplicaHoldsTheSum(results, count);
    }

    @ParameterizedTest(name = "{0} nodes x {1} replicas, {2} floats")
    @MethodSource("nodesReplicasAndLengths")
    void splittingTheNodesWorkAcrossThreadsGivesTheSameSum(int nodes, int replicas, int count) {
        List<List<FloatBuffer>> results = runNodes(nodes, node -> replicas, count, RingAllreduce::new, 3);

        assertEveryReplicaHoldsTheSum(results, count);
    }

    @Test
    void nodesMayHoldDifferentNumbersOfReplicas() {
        List<List<FloatBuffer>> results = runNodes(3, node -> new int[] {1, 4, 2}[node], 1_001, HalvingDoublingAllreduce::new, 2);

        assertEveryReplicaHoldsTheSum(results, 1_001);
    }

    @Test
    void composesWithEveryPointToPointAlgorithm() {
        for (Function<Transport, Allreduce> interNode : List.<Function<Transport, Allreduce>>of(
                HalvingDoublingAllreduce::new, BinaryBlocksAllreduce::new, RingAllreduce::new)) {
            assertEveryReplicaHoldsTheSum(runNodes(5, node -> 2, 333, interNode, 1), 333);
        }
    }

    @Test
    void allocatesNothingPerCallOnceWarm() {
        int count = 100_000;
        List<FloatBuffer> replicas = List.of(PlainSum.contribution(0, count), PlainSum.contribution(1, count),
                PlainSum.contribution(2, count));
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (HierarchicalAllreduce allreduce = new HierarchicalAllreduce(new RingAllreduce(InMemoryTransport.group(1).get(0)), 2)) {
            for (int warmup = 0; warmup < 20; warmup++) {
                allreduce.sum(replicas, count);
            }
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int call = 0; call < 50; call++) {
                allreduce.sum(replicas, count);
            }
            long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / 50;

            assertThat(perCall).as("bytes allocated per call; one buffer is %d", count * Float.BYTES).isLessThan(256);
        }
    }

    @Test
    void namesTheInterNodeAlgorithm() {
        try (HierarchicalAllreduce allreduce = new HierarchicalAllreduce(new RingAllreduce(InMemoryTransport.group(1).get(0)))) {
            assertThat(allreduce.name()).isEqualTo("hierarchical(ring)");
        }
    }

    @Test
    void refusesReplicaBuffersThatCannotHoldTheSum() {
        try (HierarchicalAllreduce allreduce = new HierarchicalAllreduce(new RingAllreduce(InMemoryTransport.group(1).get(0)))) {
            FloatBuffer one = PlainSum.contribution(0, 10);

            assertThatThrownBy(() -> allreduce.sum(List.of(), 10)).hasMessageContaining("no replica buffers");
            assertThatThrownBy(() -> allreduce.sum(List.of(one, one), 10))
                    .hasMessageContaining("replica buffers 0 and 1 are the same buffer");
            assertThatThrownBy(() -> allreduce.sum(List.of(one, PlainSum.contribution(1, 2)), 10))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("replica buffer 1 has capacity 5, less than the count 10");
            if (ByteOrder.nativeOrder() != ByteOrder.BIG_ENDIAN) {
                FloatBuffer bigEndian = ByteBuffer.allocateDirect(40).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
                assertThatThrownBy(() -> allreduce.sum(List.of(one, bigEndian), 10))
                        .hasMessageContaining("replica buffer 1 is a direct buffer in BIG_ENDIAN");
            }
        }
    }

    /**
     * Node n's replica r contributes contributor number (the replicas of earlier nodes) + r, so the expected sum is
     * over contributors 0 .. all replicas - 1.
     */
    private static List<List<FloatBuffer>> runNodes(int nodes, IntUnaryOperator replicasOf, int count,
                                                    Function<Transport, Allreduce> interNode, int nodeThreads) {
        return RanksInThreads.run(nodes, transport -> {
            int first = 0;
            for (int node = 0; node < transport.rank(); node++) {
                first += replicasOf.applyAsInt(node);
            }
            List<FloatBuffer> replicas = new ArrayList<>();
            for (int r = 0; r < replicasOf.applyAsInt(transport.rank()); r++) {
                replicas.add(PlainSum.contribution(first + r, count));
            }
            // Split every range at all (1 float up), so that these small counts exercise the helper threads.
            try (HierarchicalAllreduce allreduce = new HierarchicalAllreduce(interNode.apply(transport), nodeThreads, 1)) {
                allreduce.sum(replicas, count);
            }
            return replicas;
        });
    }

    private static void assertEveryReplicaHoldsTheSum(List<List<FloatBuffer>> nodes, int count) {
        int contributors = nodes.stream().mapToInt(List::size).sum();
        List<FloatBuffer> all = new ArrayList<>();
        for (int node = 0; node < nodes.size(); node++) {
            for (int r = 0; r < nodes.get(node).size(); r++) {
                PlainSum.assertSumOf(contributors, count, nodes.get(node).get(r), "node " + node + " replica " + r);
                all.add(nodes.get(node).get(r));
            }
        }
        PlainSum.assertIdentical(all, count, "every replica of every node");
    }
}
