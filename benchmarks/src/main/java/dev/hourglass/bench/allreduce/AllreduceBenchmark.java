package dev.hourglass.bench.allreduce;

import dev.hourglass.bench.Benchmark;
import dev.hourglass.bench.LoadAverage;
import dev.hourglass.bench.BenchmarkReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The collective module's allreduce algorithms and their hierarchical composition against Open MPI's own
 * MPI_Allreduce at 2, 4 and 8 ranks on this machine, in ranks started as Open MPI is installed and again with the
 * malloc fix, with each bus bandwidth's ratio to the machine's memory bandwidth measured in the same run. The ranks run
 * the collective module's classes under a real mpirun.
 */
public final class AllreduceBenchmark implements Benchmark {

    static final int[] RANKS = {2, 4, 8};
    static final List<String> ALGORITHMS = AllreduceReport.ALGORITHMS;

    /** Sizes in bytes, timed calls per size (fewer where one takes longer), and the longest warm-up per algorithm. */
    private record Plan(long[] sizes, int[] repetitions, double warmUpSeconds) {
    }

    private static final Plan FULL = new Plan(
            new long[] {4L << 10, 16L << 10, 64L << 10, 256L << 10, 1L << 20, 4L << 20, 16L << 20, 64L << 20, 100L << 20},
            new int[] {200, 200, 200, 100, 60, 30, 15, 9, 7}, 0.5);
    // One size in each regime of AllreduceChoice: Open MPI, and the ring above 32 MB.
    private static final Plan QUICK = new Plan(new long[] {4L << 10, 1L << 20, 64L << 20}, new int[] {30, 10, 3}, 0.1);

    /** STREAM's rule: arrays well beyond the caches. */
    private static final int STREAM_BYTES_PER_THREAD = 128 << 20;

    private final PrintStream progress;

    public AllreduceBenchmark() {
        this(System.err);
    }

    AllreduceBenchmark(PrintStream progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "allreduce";
    }

    @Override
    public String description() {
        return "halving-doubling, binary blocks, ring and hierarchical allreduce against Open MPI's MPI_Allreduce,"
                + " 4 KB to 100 MB at 2, 4 and 8 ranks";
    }

    @Override
    public BenchmarkReport run(boolean quick) {
        Plan plan = quick ? QUICK : FULL;
        int cores = Runtime.getRuntime().availableProcessors();
        String loadBefore = LoadAverage.now() + " (1 / 5 / 15 min)";
        double oneThread = StreamCopy.gigabytesPerSecond(1, STREAM_BYTES_PER_THREAD);
        double allCores = StreamCopy.gigabytesPerSecond(cores, STREAM_BYTES_PER_THREAD);
        progress.printf(Locale.ROOT, "memory bandwidth (STREAM-like copy): %.1f GB/s on 1 thread, %.1f GB/s on %d%n",
                oneThread, allCores, cores);
        List<Measurement> measurements = new ArrayList<>();
        for (int ranks : RANKS) {
            // Every algorithm in both runs, so that each is compared with Open MPI in the same run, turn by turn.
            for (boolean mallocFix : new boolean[] {false, true}) {
                progress.printf("%d ranks, Open MPI %s%n", ranks, mallocFix ? "with the malloc fix" : "as installed");
                measurements.addAll(AllreduceRanks.run(ranks, mallocFix, ALGORITHMS, plan.sizes(), plan.repetitions(),
                        plan.warmUpSeconds()));
            }
        }
        List<String> machine = List.of(String.format(Locale.ROOT, "%d ranks at most on %d cores (more ranks than cores"
                        + " are oversubscribed: noisy, medians of %d to %d calls); load average before %s, after %s",
                RANKS[RANKS.length - 1], cores, plan.repetitions()[plan.repetitions().length - 1], plan.repetitions()[0],
                loadBefore, LoadAverage.now() + " (1 / 5 / 15 min)"),
                String.format(Locale.ROOT, "memory bandwidth, STREAM-like copy: %.1f GB/s on 1 thread, %.1f GB/s on %d",
                        oneThread, allCores, cores));
        return AllreduceReport.of(measurements, allCores, machine);
    }

}
