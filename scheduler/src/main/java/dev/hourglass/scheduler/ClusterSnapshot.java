package dev.hourglass.scheduler;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Everything one scheduling pass looks at: the nodes, the teams' quotas and the queue, in any order. */
public record ClusterSnapshot(List<NodeCapacity> nodes, List<TeamQuota> teams, List<QueuedJob> queue) {

    public ClusterSnapshot {
        nodes = copyWithoutNulls(nodes, "nodes");
        teams = copyWithoutNulls(teams, "teams");
        queue = copyWithoutNulls(queue, "queue");
        requireUnique(nodes.stream().map(NodeCapacity::name).toList(), "node name");
        requireUnique(teams.stream().map(TeamQuota::team).toList(), "team");
        requireUnique(queue.stream().map(QueuedJob::id).toList(), "job id");
    }

    private static <T> List<T> copyWithoutNulls(List<T> list, String what) {
        if (list == null) {
            throw new IllegalArgumentException("snapshot " + what + " is null; pass an empty list instead");
        }
        if (list.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("snapshot " + what + " contains null at index "
                    + list.indexOf(null) + "; every entry must be present");
        }
        return List.copyOf(list);
    }

    private static void requireUnique(List<?> keys, String what) {
        Set<Object> seen = new HashSet<>();
        for (Object key : keys) {
            if (!seen.add(key)) {
                throw new IllegalArgumentException("snapshot lists " + what + " " + key
                        + " twice; each " + what + " must appear once");
            }
        }
    }
}
