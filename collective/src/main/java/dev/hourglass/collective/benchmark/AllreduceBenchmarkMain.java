package dev.hourglass.collective.benchmark;

import dev.hourglass.collective.Allreduce;
import dev.hourglass.collective.AllreduceAlgorithm;
import dev.hourglass.collective.AllreduceChoice;
import dev.hourglass.collective.HierarchicalAllreduce;
import dev.hourglass.collective.MpiTransport;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import mpi.Intracomm;
import mpi.MPI;
import mpi.MPIException;
import picocli.CommandLine;

/**
 * What every rank of {@code ./hourglass bench allreduce} runs under mpirun: for each size, each algorithm is checked
 * once against the exact sum and warmed up, then the algorithms are timed in turn, one call each per round; a sample
 * is the slowest rank's time of one call, the ranks starting together after a barrier. Rank 0 prints one
 * {@value #RESULT_PREFIX} line per algorithm and size, with the median.
 *
 * <pre>{@code
 * mpirun -np 4 java -cp CLASSPATH dev.hourglass.collective.benchmark.AllreduceBenchmarkMain \
 *     --sizes 4096,1048576 --repetitions 40,10 --algorithms ring,mpi-native,hierarchical --replicas 2 --warm-up-seconds 0.5
 * }</pre>
 */
public final class AllreduceBenchmarkMain {

    public static final String RESULT_PREFIX = "hourglass-allreduce";
    /** The hierarchical composition, by the name the benchmark gives it beside the algorithms' own. */
    public static final String HIERARCHICAL = "hierarchical";

    private static final int WARM_UP_CALLS = 2_000;

    private AllreduceBenchmarkMain() {
    }

    /** Exits 0 after a run, 2 with picocli's usage text for wrong options, 1 if a run failed. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchmarkOptions()).execute(args));
    }

    /** Every rank's part, with the options read and checked; {@code args} go to MPI_Init. */
    static void run(BenchmarkOptions options, String[] args) throws MPIException {
        MPI.Init(args);
        Intracomm comm = MPI.COMM_WORLD;
        int ranks = comm.getSize();
        MpiTransport transport = new MpiTransport(comm);
        for (int s = 0; s < options.sizes.length; s++) {
            int count = Math.toIntExact(options.sizes[s] / Float.BYTES);
            FloatBuffer buffer = MPI.newFloatBuffer(count);
            List<FloatBuffer> replicas = new ArrayList<>(List.of(buffer));
            for (int r = 1; r < options.replicas; r++) {
                replicas.add(MPI.newFloatBuffer(count));
            }
            AllreduceAlgorithm choice = AllreduceChoice.choose(ranks, count, true);
            List<TimedCall> calls = new ArrayList<>();
            List<HierarchicalAllreduce> hierarchicals = new ArrayList<>();
            for (String algorithm : options.algorithms) {
                if (algorithm.equals(HIERARCHICAL)) {
                    // Ranks already share the cores: more threads per rank would only contend.
                    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / ranks);
                    HierarchicalAllreduce hierarchical = new HierarchicalAllreduce(choice.over(transport, comm), threads);
                    hierarchicals.add(hierarchical);
                    calls.add(new TimedCall(algorithm, replicas, options.replicas, () -> hierarchical.sum(replicas, count)));
                } else {
                    Allreduce allreduce = AllreduceAlgorithm.named(algorithm).over(transport, comm);
                    calls.add(new TimedCall(algorithm, List.of(buffer), 1, () -> allreduce.sum(buffer, count)));
                }
            }
            for (TimedCall call : calls) {
                call.checkAndWarmUp(comm, count, (long) (options.warmUpSeconds * 1e9));
            }
            // Round robin: a burst of load from elsewhere on the machine falls on every algorithm alike.
            long[][] nanos = new long[calls.size()][options.repetitions[s]];
            for (int r = 0; r < nanos[0].length; r++) {
                for (int c = 0; c < calls.size(); c++) {
                    nanos[c][r] = calls.get(c).time(comm);
                }
            }
            hierarchicals.forEach(HierarchicalAllreduce::close);
            if (comm.getRank() == 0) {
                for (int c = 0; c < calls.size(); c++) {
                    Arrays.sort(nanos[c]);
                    System.out.printf(Locale.ROOT, "%s algorithm=%s ranks=%d bytes=%d seconds=%.9f samples=%d choice=%s%n",
                            RESULT_PREFIX, calls.get(c).algorithm(), ranks, (long) count * Float.BYTES,
                            median(nanos[c]) / 1e9, nanos[c].length, choice.id());
                }
                System.out.flush();
            }
        }
        MPI.Finalize();
    }

    private static double median(long[] sorted) {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    /** One algorithm's call on this rank's buffers: checked, warmed up and timed. */
    private record TimedCall(String algorithm, List<FloatBuffer> buffers, int contributorsPerRank, Runnable call) {

        void checkAndWarmUp(Intracomm comm, int count, long warmUpNanos) throws MPIException {
            int rank = comm.getRank();
            for (int b = 0; b < buffers.size(); b++) {
                FloatBuffer buffer = buffers.get(b);
                for (int i = 0; i < count; i++) {
                    buffer.put(i, (rank * contributorsPerRank + b + 1) * (i % 7 + 1));
                }
            }
            call.run();
            int contributors = comm.getSize() * contributorsPerRank;
            for (FloatBuffer buffer : buffers) {
                for (int i = 0; i < count; i++) {
                    float expected = (i % 7 + 1) * contributors * (contributors + 1) / 2f;
                    if (buffer.get(i) != expected) {
                        throw new IllegalStateException(algorithm + " on rank " + rank + " summed [" + i + "] of " + count
                                + " to " + buffer.get(i) + ", expected " + expected + ": not timing a wrong result");
                    }
                }
            }
            // Zeros stay zeros: repeated sums never reach infinities or denormals, which could run at another speed.
            for (FloatBuffer buffer : buffers) {
                for (int i = 0; i < count; i++) {
                    buffer.put(i, 0f);
                }
            }
            warmUp(comm, warmUpNanos);
        }

        /** One call, started together on every rank; the slowest rank's nanoseconds. */
        long time(Intracomm comm) throws MPIException {
            DoubleBuffer slowest = MPI.newDoubleBuffer(1);
            comm.barrier();
            long start = System.nanoTime();
            call.run();
            slowest.put(0, System.nanoTime() - start);
            comm.allReduce(slowest, 1, MPI.DOUBLE, MPI.MAX);
            return (long) slowest.get(0);
        }

        /**
         * Until the JIT has compiled the algorithm's loops: two thousand calls, or less for large buffers.
         * Rank 0 decides when to stop, so every rank makes the same number of calls.
         */
        private void warmUp(Intracomm comm, long warmUpNanos) throws MPIException {
            IntBuffer more = MPI.newIntBuffer(1);
            long start = System.nanoTime();
            for (int calls = 0; ; calls++) {
                more.put(0, calls < WARM_UP_CALLS && System.nanoTime() - start < warmUpNanos ? 1 : 0);
                comm.bcast(more, 1, MPI.INT, 0);
                if (more.get(0) == 0) {
                    return;
                }
                call.run();
            }
        }
    }
}
