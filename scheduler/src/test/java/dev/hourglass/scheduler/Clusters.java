package dev.hourglass.scheduler;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Short names for the values a snapshot is made of, so tests read like the cluster they describe. */
final class Clusters {

    private Clusters() {
    }

    static NodeCapacity freeNode(String name) {
        return new NodeCapacity(name, 8, allOf(8), true);
    }

    /** An 8-GPU node on which only the listed GPUs are free. */
    static NodeCapacity node(String name, int... freeGpus) {
        return new NodeCapacity(name, 8, Arrays.stream(freeGpus).boxed().collect(Collectors.toCollection(TreeSet::new)), true);
    }

    /** An 8-GPU node with its first {@code free} GPUs free. */
    static NodeCapacity nodeWithFree(String name, int free) {
        return new NodeCapacity(name, 8, allOf(free), true);
    }

    static NodeCapacity drained(String name) {
        return new NodeCapacity(name, 8, allOf(8), false);
    }

    static QueuedJob job(long id, String team, int gpus) {
        return new QueuedJob(id, team, gpus, 0, id);
    }

    static QueuedJob job(long id, String team, int gpus, int priority, long submittedAt) {
        return new QueuedJob(id, team, gpus, priority, submittedAt);
    }

    static TeamQuota quota(String team, int quotaGpus) {
        return new TeamQuota(team, quotaGpus, 0);
    }

    static ClusterSnapshot snapshot(List<NodeCapacity> nodes, List<TeamQuota> teams, QueuedJob... queue) {
        return new ClusterSnapshot(nodes, teams, List.of(queue));
    }

    /** Quotas large enough never to matter, for tests about placement. */
    static List<TeamQuota> unlimited(String... teams) {
        return Arrays.stream(teams).map(team -> quota(team, 1_000_000)).toList();
    }

    static Placement placementOf(SchedulingDecision decision, long jobId) {
        return decision.placements().stream()
                .filter(placement -> placement.jobId() == jobId)
                .findFirst()
                .orElseThrow(() -> new AssertionError("job " + jobId + " was not placed; it waits: " + decision.waiting().get(jobId)));
    }

    static List<Long> placedIds(SchedulingDecision decision) {
        return decision.placements().stream().map(Placement::jobId).toList();
    }

    private static TreeSet<Integer> allOf(int count) {
        return IntStream.range(0, count).boxed().collect(Collectors.toCollection(TreeSet::new));
    }
}
