package dev.hourglass.bench.scheduler;

import dev.hourglass.bench.Benchmark;
import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.LineChart;
import dev.hourglass.bench.Timing;
import dev.hourglass.scheduler.ClusterSnapshot;
import dev.hourglass.scheduler.GangScheduler;
import dev.hourglass.scheduler.NodeCapacity;
import dev.hourglass.scheduler.SchedulingDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How long one {@link GangScheduler} pass takes as the cluster grows, with a long queue. */
public final class SchedulerBenchmark implements Benchmark {

    static final int[] NODE_COUNTS = {100, 250, 500, 1_000};
    static final int QUEUED_JOBS = 10_000;
    static final double GOAL_MS = 100;
    private static final long SEED = 1706_02677L;

    /** Warm-up passes over all sizes (JIT), then measured passes per size. */
    private record Repetitions(int warmupPasses, int measuredPasses) {
    }

    private static final Repetitions FULL = new Repetitions(200, 30);
    private static final Repetitions QUICK = new Repetitions(20, 5);

    // Read after timing so the JIT cannot drop passes whose decision nobody looks at.
    private long placementsSeen;

    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public String description() {
        return "one scheduling pass over 100 to 1,000 nodes of 8 GPUs with " + String.format(Locale.ROOT, "%,d", QUEUED_JOBS)
                + " queued jobs from " + SimulatedCluster.TEAMS + " teams";
    }

    @Override
    public BenchmarkReport run(boolean quick) {
        Repetitions repetitions = quick ? QUICK : FULL;
        List<ClusterSnapshot> snapshots = new ArrayList<>();
        for (int nodes : NODE_COUNTS) {
            snapshots.add(SimulatedCluster.generate(nodes, QUEUED_JOBS, SEED + nodes));
        }
        for (int pass = 0; pass < repetitions.warmupPasses(); pass++) {
            placementsSeen += GangScheduler.schedule(snapshots.get(pass % snapshots.size())).placements().size();
        }
        List<List<Object>> rows = new ArrayList<>();
        Timing largest = null;
        for (ClusterSnapshot snapshot : snapshots) {
            long[] nanos = new long[repetitions.measuredPasses()];
            SchedulingDecision decision = null;
            for (int pass = 0; pass < nanos.length; pass++) {
                long start = System.nanoTime();
                decision = GangScheduler.schedule(snapshot);
                nanos[pass] = System.nanoTime() - start;
                placementsSeen += decision.placements().size();
            }
            Timing timing = Timing.ofNanos(nanos);
            int nodes = snapshot.nodes().size();
            rows.add(List.of(nodes, nodes * NodeCapacity.GPUS_PER_NODE, snapshot.queue().size(),
                    decision.placements().size(), timing.medianMs(), timing.p99Ms()));
            largest = timing;
        }
        return new BenchmarkReport(
                List.of("nodes", "gpus", "queuedJobs", "placed", "medianMs", "p99Ms"),
                rows,
                new LineChart("GangScheduler: one pass, " + String.format(Locale.ROOT, "%,d", QUEUED_JOBS) + " queued jobs",
                        "nodes", "nodes (8 GPUs each)", List.of("medianMs", "p99Ms"), "pass time (ms)"),
                List.of(goalFinding(largest), method(repetitions)));
    }

    private static String goalFinding(Timing timing) {
        int nodes = NODE_COUNTS[NODE_COUNTS.length - 1];
        boolean met = timing.p99Ms() < GOAL_MS;
        return String.format(Locale.ROOT, "%,d nodes (%,d GPUs), %,d queued jobs: median %.3f ms, p99 %.3f ms per pass — %s the goal of under %.0f ms",
                nodes, nodes * NodeCapacity.GPUS_PER_NODE, QUEUED_JOBS, timing.medianMs(), timing.p99Ms(),
                met ? "meets" : "MISSES", GOAL_MS);
    }

    private String method(Repetitions repetitions) {
        return String.format(Locale.ROOT, "%d warm-up passes first, then %d timed passes per size; p99 is the nearest rank"
                        + " (%d placements seen in all)", repetitions.warmupPasses(), repetitions.measuredPasses(), placementsSeen);
    }
}
