package dev.hourglass.backend.agents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.jobs.JobEvents;
import dev.hourglass.backend.scheduling.GpuAllocationStore.NodeGpus;
import dev.hourglass.backend.scheduling.GpuAllocationStore;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.protocol.Assignment;
import dev.hourglass.protocol.Assignments;
import dev.hourglass.protocol.JobStatus;
import dev.hourglass.recipe.RecipePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * What each node should run, and long-polls that answer as soon as it changes. The version starts from the
 * clock, so an agent that waited across a control-plane restart sees a new version at once.
 */
@Service
public class AssignmentService {

    private final JdbcClient sql;
    private final ObjectMapper json;
    private final GpuAllocationStore allocations;
    private final ApplicationEventPublisher events;
    private final AtomicLong version = new AtomicLong(System.currentTimeMillis());
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    public AssignmentService(JdbcClient sql, GpuAllocationStore allocations, ApplicationEventPublisher events,
                             ObjectMapper json) {
        this.sql = sql;
        this.allocations = allocations;
        this.events = events;
        this.json = json;
    }

    private record Waiter(String node, DeferredResult<Assignments> result) {
    }

    /** Readiness of an agent for a job changed; the launcher waits on it. */
    public record ReadinessChanged(long jobId) {
    }

    /** Node {@code node}'s agent has prepared for job {@code jobId}; the launcher starts mpirun once all have. */
    @Transactional
    public void markReady(long jobId, String node) {
        int held = sql.sql("""
                select count(*) from gpu_allocations a join nodes n on n.id = a.node_id
                where a.job_id = ? and n.name = ? and a.released_at is null""")
                .params(jobId, node)
                .query(Integer.class)
                .single();
        if (held == 0) {
            throw ApiException.conflict("node '" + node + "' holds no GPUs of job " + jobId);
        }
        sql.sql("""
                insert into job_node_readiness (job_id, node_id) select ?, id from nodes where name = ?
                on conflict do nothing""")
                .params(jobId, node)
                .update();
        events.publishEvent(new ReadinessChanged(jobId));
    }

    /** A job with GPUs on a node, as its row reads. */
    private record AssignedJob(long id, String name, String team, String model, String dataset, int kn,
                               int perGpuBatch, JobStatus status, String recipe, String allreduce, Long backboneFrom,
                               long seed) {
    }

    public Assignments current(String node) {
        long now = version.get();
        List<AssignedJob> found = sql.sql("""
                select j.id, j.name, t.name as team, j.model, j.dataset, j.kn, j.per_gpu_batch, j.status, j.recipe,
                  j.allreduce, j.backbone_from_job_id as backbone_from, coalesce(j.seed, j.id) as seed
                from jobs j join teams t on t.id = j.team_id
                where j.status in (:active) and exists (
                  select 1 from gpu_allocations a join nodes n on n.id = a.node_id
                  where a.job_id = j.id and a.released_at is null and n.name = :node)
                order by j.id""")
                .param("active", List.of(JobStatus.STARTING.name(), JobStatus.RUNNING.name()))
                .param("node", node)
                .query(AssignedJob.class)
                .list();
        if (found.isEmpty()) {
            return new Assignments(now, List.of());
        }
        List<Long> ids = found.stream().map(AssignedJob::id).toList();
        Map<Long, List<NodeGpus>> held = allocations.forJobs(ids);
        Map<String, String> addresses = new HashMap<>();
        sql.sql("select name, coalesce(address, name) from nodes")
                .query(rs -> {
                    addresses.put(rs.getString(1), rs.getString(2));
                });
        Map<Long, List<String>> ready = new HashMap<>();
        sql.sql("""
                select r.job_id, n.name from job_node_readiness r join nodes n on n.id = r.node_id
                where r.job_id in (:ids) order by n.name""")
                .param("ids", ids)
                .query(rs -> {
                    ready.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>()).add(rs.getString(2));
                });
        List<Assignment> jobs = new ArrayList<>();
        for (AssignedJob job : found) {
            List<Assignment.AssignedNode> nodes = held.getOrDefault(job.id(), List.of()).stream()
                    .map(n -> new Assignment.AssignedNode(n.node(), addresses.get(n.node()), n.gpus())).toList();
            jobs.add(new Assignment(job.id(), job.name(), job.team(), job.model(), job.dataset(), job.kn(),
                    job.perGpuBatch(), job.status(), nodes, ready.getOrDefault(job.id(), List.of()),
                    recipe(job.recipe()), job.allreduce(), job.backboneFrom(), job.seed()));
        }
        return new Assignments(now, jobs);
    }

    private RecipePlan recipe(String stored) {
        try {
            return json.readValue(stored, RecipePlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored recipe no longer reads as a RecipePlan: " + e.getMessage(), e);
        }
    }

    /** Answers at once when the version moved past {@code after}, else at the next change or after {@code wait}. */
    public DeferredResult<Assignments> await(String node, long after, Duration wait) {
        DeferredResult<Assignments> result = new DeferredResult<>(wait.toMillis());
        if (version.get() != after) {
            result.setResult(current(node));
            return result;
        }
        Waiter waiter = new Waiter(node, result);
        result.onTimeout(() -> {
            waiters.remove(waiter);
            result.setResult(current(node));
        });
        result.onCompletion(() -> waiters.remove(waiter));
        waiters.add(waiter);
        if (version.get() != after) {
            wake();
        }
        return result;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(JobEvents.Placed placed) {
        changed();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(JobEvents.StatusChanged changed) {
        if (changed.status() != JobStatus.QUEUED) { // a new submission runs nowhere yet
            changed();
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ReadinessChanged readiness) {
        changed();
    }

    private void changed() {
        version.incrementAndGet();
        wake();
    }

    private void wake() {
        for (Waiter waiter = waiters.poll(); waiter != null; waiter = waiters.poll()) {
            waiter.result().setResult(current(waiter.node()));
        }
    }
}
