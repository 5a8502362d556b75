package dev.hourglass.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Several passes of a busy cluster in which small jobs keep arriving: the reservation lets a large job
 * start within a bounded number of passes, where greedy backfill would let the small jobs overtake it forever.
 */
class StarvationTest {

    private static final int NODES = 4;
    private static final int PASSES = 40;

    // Fragmentation: every node runs four 2-GPU jobs that end one per pass, so two GPUs come free on
    // each node every pass, and as many 2-GPU jobs arrive as end.
    private static final int PAIR_JOB_PASSES = 4;
    private static final int PAIR_JOBS_PER_PASS = NODES;

    private static ClusterSimulation fragmentedCluster() {
        ClusterSimulation cluster = new ClusterSimulation(NODES, "vision");
        for (int node = 1; node <= NODES; node++) {
            for (int endsAt = 1; endsAt <= PAIR_JOB_PASSES; endsAt++) {
                cluster.alreadyRunning(String.format("node-%02d", node), 2, endsAt);
            }
        }
        return cluster;
    }

    private static long runPairJobStream(ClusterSimulation cluster, Backfill backfill) {
        long largeJob = cluster.submit(8, 10);
        for (int pass = 1; pass <= PASSES; pass++) {
            for (int i = 0; i < PAIR_JOBS_PER_PASS; i++) {
                cluster.submit(2, PAIR_JOB_PASSES);
            }
            cluster.runPass(backfill);
        }
        return largeJob;
    }

    @Test
    void withTheReservationAnEightGpuJobStartsOnceItsNodeDrains() {
        ClusterSimulation cluster = fragmentedCluster();

        long largeJob = runPairJobStream(cluster, Backfill.RESERVE_FOR_HEAD);

        // The held node's last pair job ends at pass 4; nothing new lands there meanwhile.
        assertThat(cluster.startedAtPass(largeJob)).hasValue(PAIR_JOB_PASSES);
    }

    @Test
    void withoutTheReservationTheSameEightGpuJobIsOvertakenForever() {
        ClusterSimulation cluster = fragmentedCluster();

        long largeJob = runPairJobStream(cluster, Backfill.GREEDY);

        assertThat(cluster.startedAtPass(largeJob)).isEmpty();
        assertThat(cluster.overtook(largeJob)).isEqualTo((long) PASSES * PAIR_JOBS_PER_PASS);
    }

    // Starvation: a 16-GPU job waits while 1-GPU jobs of 3 passes arrive at 11 per pass,
    // slightly more than the 32 GPUs of the cluster can serve.
    private static final int SINGLE_JOB_PASSES = 3;
    private static final int SINGLE_JOBS_PER_PASS = 11;

    private static ClusterSimulation busyCluster() {
        ClusterSimulation cluster = new ClusterSimulation(NODES, "vision");
        for (int node = 1; node <= NODES; node++) {
            for (int gpu = 0; gpu < 8; gpu++) {
                cluster.alreadyRunning(String.format("node-%02d", node), 1, gpu % SINGLE_JOB_PASSES + 1);
            }
        }
        return cluster;
    }

    private static long runSingleJobStream(ClusterSimulation cluster, Backfill backfill) {
        long largeJob = cluster.submit(16, 10);
        for (int pass = 1; pass <= PASSES; pass++) {
            for (int i = 0; i < SINGLE_JOBS_PER_PASS; i++) {
                cluster.submit(1, SINGLE_JOB_PASSES);
            }
            SchedulingDecision decision = cluster.runPass(backfill);
            if (pass < SINGLE_JOB_PASSES) {
                assertThat(decision.placements()).as("small jobs keep starting beside the held nodes in pass %d", pass).isNotEmpty();
            }
        }
        return largeJob;
    }

    @Test
    void aStreamOfSmallJobsNeverStarvesASixteenGpuJob() {
        ClusterSimulation cluster = busyCluster();

        long largeJob = runSingleJobStream(cluster, Backfill.RESERVE_FOR_HEAD);

        assertThat(cluster.startedAtPass(largeJob)).hasValueSatisfying(pass ->
                assertThat(pass).isLessThanOrEqualTo(SINGLE_JOB_PASSES));
    }

    @Test
    void greedyBackfillLetsTheSameStreamStarveIt() {
        ClusterSimulation cluster = busyCluster();

        long largeJob = runSingleJobStream(cluster, Backfill.GREEDY);

        assertThat(cluster.startedAtPass(largeJob)).isEmpty();
    }
}
