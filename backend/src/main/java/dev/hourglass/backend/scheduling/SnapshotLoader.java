package dev.hourglass.backend.scheduling;

import dev.hourglass.backend.nodes.NodeState;
import dev.hourglass.protocol.JobStatus;
import dev.hourglass.scheduler.ClusterSnapshot;
import dev.hourglass.scheduler.NodeCapacity;
import dev.hourglass.scheduler.QueuedJob;
import dev.hourglass.scheduler.TeamQuota;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads what the scheduler decides on: nodes and their free GPUs, quotas and usage, the queue. */
@Component
class SnapshotLoader {

    private final JdbcClient jdbc;

    SnapshotLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The snapshot, with the ids that turning its decision into rows needs. */
    record Loaded(ClusterSnapshot snapshot, Map<String, Long> nodeIds, Map<String, Long> teamIds,
                  Map<Long, String> waitKinds, Map<Long, String> waitDetails) {
    }

    Loaded load() {
        Map<Long, List<Integer>> heldByNode = new HashMap<>();
        jdbc.sql("select node_id, gpu_index from gpu_allocations where released_at is null")
                .query(rs -> { heldByNode.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getInt(2)); });

        Map<String, Long> nodeIds = new HashMap<>();
        List<NodeCapacity> nodes = jdbc.sql("select id, name, gpu_count, state from nodes order by name")
                .query((rs, i) -> {
                    long id = rs.getLong(1);
                    String name = rs.getString(2);
                    int gpuCount = rs.getInt(3);
                    nodeIds.put(name, id);
                    TreeSet<Integer> free = new TreeSet<>();
                    for (int gpu = 0; gpu < gpuCount; gpu++) {
                        free.add(gpu);
                    }
                    free.removeAll(heldByNode.getOrDefault(id, List.of()));
                    return new NodeCapacity(name, gpuCount, free,
                            NodeState.valueOf(rs.getString(4)) == NodeState.READY);
                })
                .list();

        Map<String, Long> teamIds = new HashMap<>();
        List<TeamQuota> teams = jdbc.sql("""
                        select t.id, t.name, t.quota_gpus, count(a.gpu_index) from teams t
                        left join gpu_allocations a on a.team_id = t.id and a.released_at is null
                        group by t.id, t.name, t.quota_gpus""")
                .query((rs, i) -> {
                    teamIds.put(rs.getString(2), rs.getLong(1));
                    return new TeamQuota(rs.getString(2), rs.getInt(3), rs.getInt(4));
                })
                .list();

        Map<Long, String> waitKinds = new HashMap<>();
        Map<Long, String> waitDetails = new HashMap<>();
        List<QueuedJob> queue = jdbc.sql("""
                        select j.id, t.name, j.gpus, j.priority, j.submitted_at, j.wait_kind, j.wait_detail
                        from jobs j join teams t on t.id = j.team_id where j.status = ?""")
                .param(JobStatus.QUEUED.name())
                .query((rs, i) -> {
                    long id = rs.getLong(1);
                    waitKinds.put(id, rs.getString(6));
                    waitDetails.put(id, rs.getString(7));
                    return new QueuedJob(id, rs.getString(2), rs.getInt(3), rs.getInt(4),
                            rs.getTimestamp(5).getTime());
                })
                .list();
        return new Loaded(new ClusterSnapshot(nodes, teams, queue), nodeIds, teamIds, waitKinds, waitDetails);
    }
}
