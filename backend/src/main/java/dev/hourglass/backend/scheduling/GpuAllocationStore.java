package dev.hourglass.backend.scheduling;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The gpu_allocations table: which job holds (or held) which GPU of which node. */
@Repository
public class GpuAllocationStore {

    private final JdbcClient jdbc;

    public GpuAllocationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The GPUs of one node that a job holds or held. */
    public record NodeGpus(String node, List<Integer> gpus) {
    }

    /** Frees every GPU the job still holds; returns how many. */
    public int release(long jobId) {
        return jdbc.sql("update gpu_allocations set released_at = now() where job_id = ? and released_at is null")
                .param(jobId).update();
    }

    /** For each job, its GPUs grouped by node in node-name order (the launcher's rank order). */
    public Map<Long, List<NodeGpus>> forJobs(Collection<Long> jobIds) {
        Map<Long, List<NodeGpus>> byJob = new LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return byJob;
        }
        jdbc.sql("""
                select a.job_id, n.name, a.gpu_index from gpu_allocations a join nodes n on n.id = a.node_id
                where a.job_id in (:ids) order by a.job_id, n.name, a.gpu_index""")
                .param("ids", jobIds)
                .query(rs -> {
                    List<NodeGpus> nodes = byJob.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>());
                    String node = rs.getString(2);
                    if (nodes.isEmpty() || !nodes.get(nodes.size() - 1).node().equals(node)) {
                        nodes.add(new NodeGpus(node, new ArrayList<>()));
                    }
                    nodes.get(nodes.size() - 1).gpus().add(rs.getInt(3));
                });
        return byJob;
    }
}
