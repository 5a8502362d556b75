package dev.hourglass.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One pass over 1,000 nodes and 10,000 queued jobs: the invariants every decision must keep. */
class LargeClusterTest {

    private static final int[] JOB_SIZES = {1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8, 16, 32, 64, 256};

    private static ClusterSnapshot snapshot;
    private static SchedulingDecision decision;

    @BeforeAll
    static void scheduleOnePass() {
        snapshot = randomCluster(new Random(1706_02677L), 1_000, 10_000);
        decision = GangScheduler.schedule(snapshot);
    }

    @Test
    void everyQueuedJobIsEitherPlacedOrHasAReason() {
        Set<Long> placed = decision.placements().stream().map(Placement::jobId).collect(Collectors.toSet());

        assertThat(decision.placements()).isNotEmpty();
        assertThat(placed).hasSize(decision.placements().size()).doesNotContainAnyElementsOf(decision.waiting().keySet());
        assertThat(placed.size() + decision.waiting().size()).isEqualTo(snapshot.queue().size());
        assertThat(decision.waiting().values()).allSatisfy(reason -> assertThat(reason.detail()).isNotBlank());
    }

    @Test
    void noGpuIsBookedTwiceOrTakenWhileBusyOrDrained() {
        Set<GpuSlot> freeSlots = new HashSet<>();
        for (NodeCapacity node : snapshot.nodes()) {
            if (node.schedulable()) {
                node.freeGpus().forEach(gpu -> freeSlots.add(new GpuSlot(node.name(), gpu)));
            }
        }
        List<GpuSlot> taken = decision.placements().stream().flatMap(placement -> placement.gpus().stream()).toList();

        assertThat(taken).doesNotHaveDuplicates();
        assertThat(freeSlots).containsAll(taken);
    }

    @Test
    void everyPlacementHasTheShapeOfItsJob() {
        Map<Long, QueuedJob> jobs = snapshot.queue().stream().collect(Collectors.toMap(QueuedJob::id, job -> job));

        assertThat(decision.placements()).allSatisfy(placement -> {
            QueuedJob job = jobs.get(placement.jobId());
            Map<String, Long> gpusPerNode = placement.gpus().stream()
                    .collect(Collectors.groupingBy(GpuSlot::node, Collectors.counting()));
            assertThat(placement.gpus()).hasSize(job.gpus());
            if (job.gpus() <= 8) {
                assertThat(gpusPerNode).hasSize(1);
            } else {
                assertThat(gpusPerNode).hasSize(job.gpus() / 8).allSatisfy((node, count) -> assertThat(count).isEqualTo(8));
            }
        });
    }

    @Test
    void noTeamGoesOverItsQuota() {
        Map<String, TeamQuota> quotas = snapshot.teams().stream().collect(Collectors.toMap(TeamQuota::team, team -> team));
        Map<Long, QueuedJob> jobs = snapshot.queue().stream().collect(Collectors.toMap(QueuedJob::id, job -> job));
        Map<String, Integer> placedPerTeam = new HashMap<>();
        decision.placements().forEach(placement ->
                placedPerTeam.merge(jobs.get(placement.jobId()).team(), placement.gpus().size(), Integer::sum));

        assertThat(placedPerTeam).allSatisfy((team, placed) -> {
            TeamQuota quota = quotas.get(team);
            assertThat(quota).as("team %s has no quota, yet got GPUs", team).isNotNull();
            assertThat(placed).as("GPUs started for team %s", team).isLessThanOrEqualTo(quota.quotaGpus() - quota.gpusInUse());
        });
    }

    @Test
    void atMostOneJobHoldsNodesAndEveryPriorityWaitNamesIt() {
        Set<String> heldFor = decision.waiting().values().stream()
                .filter(reason -> reason.kind() == WaitKind.PRIORITY)
                .map(reason -> reason.detail().substring(0, reason.detail().indexOf(" (")))
                .collect(Collectors.toSet());
        long holders = decision.waiting().values().stream()
                .filter(reason -> reason.kind() != WaitKind.PRIORITY && reason.detail().contains("held for it"))
                .count();

        assertThat(holders).isEqualTo(1);
        assertThat(heldFor).hasSize(1);
    }

    @Test
    void theSameClusterListedInAnotherOrderGivesTheSameDecision() {
        Random random = new Random(7);
        List<NodeCapacity> nodes = new ArrayList<>(snapshot.nodes());
        List<TeamQuota> teams = new ArrayList<>(snapshot.teams());
        List<QueuedJob> queue = new ArrayList<>(snapshot.queue());
        Collections.shuffle(nodes, random);
        Collections.shuffle(teams, random);
        Collections.shuffle(queue, random);

        assertThat(GangScheduler.schedule(new ClusterSnapshot(nodes, teams, queue))).isEqualTo(decision);
    }

    /** Some nodes drained, some full, some partly busy; 20 teams, one of them above a lowered quota. */
    private static ClusterSnapshot randomCluster(Random random, int nodeCount, int jobCount) {
        List<NodeCapacity> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            List<Integer> gpus = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
            Collections.shuffle(gpus, random);
            int free = random.nextInt(10) < 3 ? 8 : random.nextInt(9);
            nodes.add(new NodeCapacity(String.format("node-%04d", i), 8, new TreeSet<>(gpus.subList(0, free)), random.nextInt(20) != 0));
        }
        List<TeamQuota> teams = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int quota = 64 * (1 + random.nextInt(12));
            teams.add(new TeamQuota("team-" + i, quota, i == 0 ? quota + 8 : random.nextInt(quota)));
        }
        List<QueuedJob> queue = new ArrayList<>();
        for (int id = 1; id <= jobCount; id++) {
            String team = random.nextInt(100) == 0 ? "no-such-team" : "team-" + random.nextInt(20);
            queue.add(new QueuedJob(id, team, JOB_SIZES[random.nextInt(JOB_SIZES.length)], random.nextInt(4), random.nextInt(1_000)));
        }
        return new ClusterSnapshot(nodes, teams, queue);
    }
}
