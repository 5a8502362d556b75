package dev.hourglass.collective.mpi;

import dev.hourglass.collective.Allreduce;
import dev.hourglass.collective.AllreduceAlgorithm;
import dev.hourglass.collective.AllreduceChoice;
import dev.hourglass.collective.BinaryBlocksAllreduce;
import dev.hourglass.collective.HalvingDoublingAllreduce;
import dev.hourglass.collective.HierarchicalAllreduce;
import dev.hourglass.collective.MpiNativeAllreduce;
import dev.hourglass.collective.MpiTransport;
import dev.hourglass.collective.RingAllreduce;
import dev.hourglass.collective.Transport;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;

/**
 * What each rank runs under {@code mpirun} in {@link MpiCollectivesTest}: every check in turn, one verdict line
 * per check ({@code hourglass-mpi rank=R check=NAME ok} or {@code ... FAILED reason}) for the test to parse.
 * Values are small integers, so every sum is exact in float.
 */
public final class MpiRankMain {

    static final String VERDICT_PREFIX = "hourglass-mpi";

    /** Odd lengths, one past Open MPI's shared-memory eager limit (4 KB), and none. */
    private static final int[] LENGTHS = {0, 1, 7, 1023, 100_003};
    /** Pieces small enough that the longer lengths travel in many of them. */
    private static final int SMALL_PIECES = 1000;
    private static final int REPLICAS_PER_RANK = 3;

    private MpiRankMain() {
    }

    /** The checks every rank runs, by name, in order. */
    static Map<String, Check> checks() {
        Map<String, Check> checks = new LinkedHashMap<>();
        checks.put("mpi-native-allreduce", comm -> sumsEveryLength(comm, new MpiNativeAllreduce(comm)));
        checks.put("mpi-native-rejects-swapped-byte-order", MpiRankMain::nativeAllreduceRejectsSwappedOrder);
        checks.put("halving-doubling-allreduce", comm -> sumsEveryLength(comm, new HalvingDoublingAllreduce(new MpiTransport(comm))));
        checks.put("halving-doubling-allreduce-in-pieces",
                comm -> sumsEveryLength(comm, new HalvingDoublingAllreduce(new MpiTransport(comm), SMALL_PIECES)));
        checks.put("binary-blocks-allreduce", comm -> sumsEveryLength(comm, new BinaryBlocksAllreduce(new MpiTransport(comm))));
        checks.put("binary-blocks-allreduce-in-pieces",
                comm -> sumsEveryLength(comm, new BinaryBlocksAllreduce(new MpiTransport(comm), SMALL_PIECES)));
        checks.put("ring-allreduce", comm -> sumsEveryLength(comm, new RingAllreduce(new MpiTransport(comm))));
        checks.put("ring-allreduce-in-pieces", comm -> sumsEveryLength(comm, new RingAllreduce(new MpiTransport(comm), SMALL_PIECES)));
        checks.put("allreduce-choice-every-name", MpiRankMain::everyNamedChoice);
        checks.put("hierarchical-allreduce", MpiRankMain::hierarchical);
        checks.put("transport-send-recv", MpiRankMain::sendThenRecv);
        checks.put("transport-send-recv-round-trip", MpiRankMain::roundTrip);
        checks.put("transport-send-recv-same-buffer", MpiRankMain::sendRecvWithinOneBuffer);
        checks.put("transport-rejects-ranges-past-capacity", MpiRankMain::rangesPastCapacity);
        return checks;
    }

    static List<String> checkNames() {
        return List.copyOf(checks().keySet());
    }

    @FunctionalInterface
    interface Check {
        void run(Intracomm comm) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        MPI.Init(args);
        int rank = MPI.COMM_WORLD.getRank();
        for (Map.Entry<String, Check> check : checks().entrySet()) {
            // A communicator per check: messages a failed check left unreceived cannot match the next check's.
            Intracomm comm = MPI.COMM_WORLD.dup();
            String verdict;
            try {
                check.getValue().run(comm);
                verdict = "ok";
            } catch (Exception | AssertionError e) {
                StackTraceElement[] where = e.getStackTrace();
                verdict = "FAILED " + e + (where.length > 0 ? " at " + where[0] : "");
            }
            System.out.println(VERDICT_PREFIX + " rank=" + rank + " check=" + check.getKey() + " " + verdict);
            System.out.flush();
        }
        MPI.Finalize();
    }

    /** Every length, exact sums (small integers), and the float past the count untouched. */
    private static void sumsEveryLength(Intracomm comm, Allreduce allreduce) throws MPIException {
        int rank = comm.getRank();
        int ranks = comm.getSize();
        for (int length : LENGTHS) {
            FloatBuffer buffer = MPI.newFloatBuffer(length + 1);
            for (int i = 0; i < length; i++) {
                buffer.put(i, contribution(rank, i));
            }
            buffer.put(length, -1f);
            allreduce.sum(buffer, length);
            expectSumOfContributors(buffer, length, ranks, allreduce.name());
        }
    }

    /** What a job's override names is what runs, and it sums; the automatic choice too. */
    private static void everyNamedChoice(Intracomm comm) throws MPIException {
        List<String> names = new ArrayList<>(AllreduceAlgorithm.ids());
        names.add(null);
        for (String name : names) {
            Allreduce allreduce = AllreduceChoice.forName(name, new MpiTransport(comm), comm, 1023);
            expect(name == null || allreduce.name().equals(name), "override %s ran %s", name, allreduce.name());
            FloatBuffer buffer = MPI.newFloatBuffer(1024);
            for (int i = 0; i < 1023; i++) {
                buffer.put(i, contribution(comm.getRank(), i));
            }
            buffer.put(1023, -1f);
            allreduce.sum(buffer, 1023);
            expectSumOfContributors(buffer, 1023, comm.getSize(), allreduce.name());
        }
    }

    /** Several replicas per rank (node): every replica of every rank ends with the sum over all replicas. */
    private static void hierarchical(Intracomm comm) throws MPIException {
        int rank = comm.getRank();
        int contributors = comm.getSize() * REPLICAS_PER_RANK;
        for (int length : LENGTHS) {
            List<FloatBuffer> replicas = new ArrayList<>();
            for (int r = 0; r < REPLICAS_PER_RANK; r++) {
                FloatBuffer buffer = MPI.newFloatBuffer(length + 1);
                for (int i = 0; i < length; i++) {
                    buffer.put(i, contribution(rank * REPLICAS_PER_RANK + r, i));
                }
                buffer.put(length, -1f);
                replicas.add(buffer);
            }
            Allreduce interNode = AllreduceChoice.forName(null, new MpiTransport(comm), comm, length);
            try (HierarchicalAllreduce allreduce = new HierarchicalAllreduce(interNode, 2)) {
                allreduce.sum(replicas, length);
            }
            for (int r = 0; r < REPLICAS_PER_RANK; r++) {
                expectSumOfContributors(replicas.get(r), length, contributors, "hierarchical replica " + r);
            }
        }
    }

    /** {@code buffer[0, length)} holds the sum of contributions 0 .. contributors-1, and the float after is -1. */
    private static void expectSumOfContributors(FloatBuffer buffer, int length, int contributors, String what) {
        for (int i = 0; i < length; i++) {
            float expected = (i % 7 + 1) * contributors * (contributors + 1) / 2f;
            expect(buffer.get(i) == expected, "%s length %d: [%d] = %s, expected %s", what, length, i, buffer.get(i), expected);
        }
        expect(buffer.get(length) == -1f, "%s length %d: the float past count changed", what, length);
    }

    private static void nativeAllreduceRejectsSwappedOrder(Intracomm comm) {
        FloatBuffer bigEndian = ByteBuffer.allocateDirect(4 * 8).asFloatBuffer();
        try {
            new MpiNativeAllreduce(comm).sum(bigEndian, 8);
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError("a big-endian direct buffer was summed as if native");
    }

    /** Around the ring; even ranks send first, so each pair has one sender and one receiver at a time. */
    private static void sendThenRecv(Intracomm comm) {
        Transport transport = new MpiTransport(comm);
        int rank = transport.rank();
        int next = (rank + 1) % transport.size();
        int previous = (rank + transport.size() - 1) % transport.size();
        for (int length : LENGTHS) {
            int sendOffset = 3;
            int recvOffset = 5;
            FloatBuffer out = filled(sendOffset + length + 2, rank, sendOffset);
            FloatBuffer in = sentinels(recvOffset + length + 2);
            in.position(1).limit(4);
            if (rank % 2 == 0) {
                transport.send(out, sendOffset, length, next);
                transport.recv(in, recvOffset, length, previous);
            } else {
                transport.recv(in, recvOffset, length, previous);
                transport.send(out, sendOffset, length, next);
            }
            expect(in.position() == 1 && in.limit() == 4, "length %d: recv moved the caller's position or limit", length);
            in.clear();
            expectReceived(in, recvOffset, length, previous, "send/recv");
        }
    }

    /** Rank 0 sends to each other rank, which returns the range doubled; odd offsets on both sides. */
    private static void roundTrip(Intracomm comm) {
        Transport transport = new MpiTransport(comm);
        for (int length : LENGTHS) {
            FloatBuffer buffer = filled(length + 9, 0, 9);
            if (transport.rank() == 0) {
                for (int peer = 1; peer < transport.size(); peer++) {
                    transport.send(buffer, 9, length, peer);
                    FloatBuffer back = sentinels(length + 4);
                    transport.recv(back, 1, length, peer);
                    for (int i = 0; i < length; i++) {
                        expect(back.get(1 + i) == 2 * contribution(0, i), "length %d from rank %d: [%d] = %s",
                                length, peer, i, back.get(1 + i));
                    }
                    expect(back.get(0) == -1f && back.get(1 + length) == -1f, "length %d: recv wrote outside its range", length);
                }
            } else {
                FloatBuffer in = MPI.newFloatBuffer(length + 2);
                transport.recv(in, 2, length, 0);
                for (int i = 0; i < length; i++) {
                    in.put(2 + i, 2 * in.get(2 + i));
                }
                transport.send(in, 2, length, 0);
            }
        }
    }

    /** A ring shift where one buffer holds both the range sent and the range received, as ring allreduce does. */
    private static void sendRecvWithinOneBuffer(Intracomm comm) {
        Transport transport = new MpiTransport(comm);
        int rank = transport.rank();
        int next = (rank + 1) % transport.size();
        int previous = (rank + transport.size() - 1) % transport.size();
        for (int length : LENGTHS) {
            int recvOffset = 1 + length + 3;
            FloatBuffer buffer = sentinels(recvOffset + length + 1);
            for (int i = 0; i < length; i++) {
                buffer.put(1 + i, contribution(rank, i));
            }
            transport.sendRecv(buffer, 1, length, next, buffer, recvOffset, length, previous);
            expectReceived(buffer, recvOffset, length, previous, "sendRecv");
            for (int i = 0; i < length; i++) {
                expect(buffer.get(1 + i) == contribution(rank, i), "length %d: the sent range changed at %d", length, i);
            }
        }
    }

    /** Refused before any message leaves, so that the peer is not left waiting. */
    private static void rangesPastCapacity(Intracomm comm) {
        Transport transport = new MpiTransport(comm);
        FloatBuffer buffer = MPI.newFloatBuffer(8);
        int peer = (transport.rank() + 1) % transport.size();
        List<Runnable> calls = List.of(
                () -> transport.send(buffer, 5, 4, peer),
                () -> transport.recv(buffer, -1, 2, peer),
                () -> transport.sendRecv(buffer, 0, 8, peer, buffer, 8, 1, peer));
        for (Runnable call : calls) {
            try {
                call.run();
                throw new AssertionError("a range past the capacity of 8 floats was accepted");
            } catch (IndexOutOfBoundsException expected) {
                // refused, as it should be
            }
        }
    }

    /** Contributor (a rank, or a replica) {@code contributor}'s value at {@code index}: small integers, exact sums. */
    static float contribution(int contributor, int index) {
        return (contributor + 1) * (index % 7 + 1);
    }

    private static FloatBuffer filled(int capacity, int rank, int from) {
        FloatBuffer buffer = sentinels(capacity);
        for (int i = from; i < capacity; i++) {
            buffer.put(i, contribution(rank, i - from));
        }
        return buffer;
    }

    private static FloatBuffer sentinels(int capacity) {
        FloatBuffer buffer = MPI.newFloatBuffer(capacity);
        for (int i = 0; i < capacity; i++) {
            buffer.put(i, -1f);
        }
        return buffer;
    }

    private static void expectReceived(FloatBuffer in, int offset, int length, int source, String what) {
        for (int i = 0; i < length; i++) {
            expect(in.get(offset + i) == contribution(source, i), "%s length %d: [%d] = %s, expected %s from rank %d",
                    what, length, i, in.get(offset + i), contribution(source, i), source);
        }
        expect(in.get(offset - 1) == -1f && in.get(offset + length) == -1f, "%s length %d: wrote outside its range", what, length);
    }

    private static void expect(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new AssertionError(String.format(format, args));
        }
    }
}
