package dev.hourglass.bench.scheduler;

import dev.hourglass.scheduler.ClusterSnapshot;
import dev.hourglass.scheduler.NodeCapacity;
import dev.hourglass.scheduler.QueuedJob;
import dev.hourglass.scheduler.TeamQuota;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A busy cluster and a long queue, the same for the same seed: some nodes drained, many partly busy,
 * teams of very different sizes near and far from their quotas, mostly single-node jobs with some
 * multi-node ones up to 256 GPUs.
 */
final class SimulatedCluster {

    static final int TEAMS = 20;
    private static final int GPUS = NodeCapacity.GPUS_PER_NODE;

    /** Job sizes in GPUs and how many in a hundred jobs ask for each. */
    private static final int[] JOB_SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    private static final int[] JOB_SIZE_PERCENT = {22, 14, 18, 26, 8, 6, 3, 2, 1};

    private SimulatedCluster() {
    }

    static ClusterSnapshot generate(int nodeCount, int queuedJobs, long seed) {
        Random random = new Random(seed);
        int[] inUse = new int[TEAMS];
        List<NodeCapacity> nodes = nodes(nodeCount, random, inUse);
        return new ClusterSnapshot(nodes, quotas(nodeCount, random, inUse), queue(queuedJobs, random));
    }

    // 5% drained or lost, 30% full, 45% partly busy, 20% idle; busy GPUs are charged to random teams.
    private static List<NodeCapacity> nodes(int count, Random random, int[] inUse) {
        List<NodeCapacity> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int roll = random.nextInt(100);
            int free = roll < 35 ? 0 : roll < 80 ? 1 + random.nextInt(GPUS - 1) : GPUS;
            List<Integer> gpus = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
            Collections.shuffle(gpus, random);
            inUse[team(random)] += GPUS - free;
            nodes.add(new NodeCapacity(String.format("node-%04d", i + 1), GPUS,
                    new TreeSet<>(gpus.subList(0, free)), roll >= 5));
        }
        return nodes;
    }

    // Quotas oversubscribe the cluster about 1.5 times, as quotas usually do.
    private static List<TeamQuota> quotas(int nodeCount, Random random, int[] inUse) {
        List<TeamQuota> teams = new ArrayList<>(TEAMS);
        int fairShare = nodeCount * GPUS * 3 / 2 / TEAMS;
        for (int team = 0; team < TEAMS; team++) {
            int headroom = random.nextInt(fairShare + 1);
            teams.add(new TeamQuota(teamName(team), roundUpToNode(inUse[team] + headroom), inUse[team]));
        }
        return teams;
    }

    private static List<QueuedJob> queue(int count, Random random) {
        List<QueuedJob> queue = new ArrayList<>(count);
        long submittedAt = 1_700_000_000_000L;
        for (int id = 1; id <= count; id++) {
            submittedAt += random.nextInt(2_000);
            int roll = random.nextInt(100);
            int priority = roll < 70 ? 0 : roll < 90 ? 1 : roll < 98 ? 2 : 5;
            queue.add(new QueuedJob(id, teamName(team(random)), jobSize(random), priority, submittedAt));
        }
        return queue;
    }

    private static int jobSize(Random random) {
        int roll = random.nextInt(100);
        for (int i = 0; i < JOB_SIZES.length; i++) {
            roll -= JOB_SIZE_PERCENT[i];
            if (roll < 0) {
                return JOB_SIZES[i];
            }
        }
        return JOB_SIZES[0];
    }

    // Skewed: team-01 is the busiest, team-20 the quietest (weights 1/1, 1/2, ... 1/20).
    private static int team(Random random) {
        double total = 0;
        for (int i = 1; i <= TEAMS; i++) {
            total += 1.0 / i;
        }
        double roll = random.nextDouble() * total;
        for (int i = 1; i <= TEAMS; i++) {
            roll -= 1.0 / i;
            if (roll < 0) {
                return i - 1;
            }
        }
        return TEAMS - 1;
    }

    private static String teamName(int team) {
        return String.format("team-%02d", team + 1);
    }

    private static int roundUpToNode(int gpus) {
        return (gpus + GPUS - 1) / GPUS * GPUS;
    }
}
