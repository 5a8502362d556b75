package dev.hourglass.backend.scheduling;

import dev.hourglass.backend.jobs.JobEvents;
import dev.hourglass.protocol.JobStatus;
import dev.hourglass.scheduler.GangScheduler;
import dev.hourglass.scheduler.GpuSlot;
import dev.hourglass.scheduler.Placement;
import dev.hourglass.scheduler.SchedulingDecision;
import dev.hourglass.scheduler.WaitReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * One scheduling pass: load the snapshot, let the pure {@link GangScheduler} decide, commit every decision
 * in one transaction. Passes are serialised across control-plane instances by an advisory lock; the unique
 * index and the quota trigger of the schema stop any over-allocation that got past it.
 */
@Service
public class SchedulingService {

    /** "Hourglas" in ASCII: the advisory lock every scheduling pass holds. */
    static final long PASS_LOCK = 0x486f7572676c6173L;

    private final JdbcClient jdbc;
    /** JdbcClient has no batch API: a gang's GPUs and the changed wait reasons each go in one round trip. */
    private final JdbcTemplate batches;
    private final SnapshotLoader loader;
    private final ApplicationEventPublisher events;

    public SchedulingService(JdbcClient jdbc, JdbcTemplate batches, SnapshotLoader loader,
                             ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.loader = loader;
        this.events = events;
    }

    /** What one pass did. */
    public record PassResult(int placed, int waiting) {
    }

    @Transactional
    public PassResult runPass() {
        jdbc.sql("select pg_advisory_xact_lock(?)").param(PASS_LOCK).query(row -> { });
        SnapshotLoader.Loaded loaded = loader.load();
        SchedulingDecision decision = GangScheduler.schedule(loaded.snapshot());
        Map<Long, String> teamOfJob = new java.util.HashMap<>();
        loaded.snapshot().queue().forEach(job -> teamOfJob.put(job.id(), job.team()));

        List<Long> placed = new ArrayList<>();
        for (Placement placement : decision.placements()) {
            int claimed = jdbc.sql("""
                    update jobs set status = ?, wait_kind = null, wait_detail = null
                    where id = ? and status = ?""")
                    .params(JobStatus.STARTING.name(), placement.jobId(), JobStatus.QUEUED.name())
                    .update();
            if (claimed == 0) {
                continue; // cancelled since the snapshot was read
            }
            long teamId = loaded.teamIds().get(teamOfJob.get(placement.jobId()));
            List<Object[]> rows = new ArrayList<>();
            for (GpuSlot slot : placement.gpus()) {
                rows.add(new Object[] {placement.jobId(), loaded.nodeIds().get(slot.node()), slot.gpu(), teamId});
            }
            batches.batchUpdate("insert into gpu_allocations (job_id, node_id, gpu_index, team_id) values (?, ?, ?, ?)",
                    rows);
            placed.add(placement.jobId());
            events.publishEvent(new JobEvents.StatusChanged(placement.jobId(), JobStatus.STARTING, null));
        }
        if (!placed.isEmpty()) {
            events.publishEvent(new JobEvents.Placed(placed));
        }

        List<Object[]> changedReasons = new ArrayList<>();
        decision.waiting().forEach((jobId, reason) -> {
            if (changed(loaded, jobId, reason)) {
                changedReasons.add(new Object[] {reason.kind().name(), reason.detail(), jobId, JobStatus.QUEUED.name()});
            }
        });
        batches.batchUpdate("update jobs set wait_kind = ?, wait_detail = ? where id = ? and status = ?",
                changedReasons);
        return new PassResult(placed.size(), decision.waiting().size());
    }

    private static boolean changed(SnapshotLoader.Loaded loaded, long jobId, WaitReason reason) {
        return !Objects.equals(loaded.waitKinds().get(jobId), reason.kind().name())
                || !Objects.equals(loaded.waitDetails().get(jobId), reason.detail());
    }
}
