package dev.hourglass.backend.nodes;

import dev.hourglass.backend.jobs.Job;
import dev.hourglass.backend.jobs.JobLifecycle;
import dev.hourglass.backend.jobs.JobRepository;
import dev.hourglass.backend.system.DaemonThreads;
import dev.hourglass.backend.system.DatabaseOutage;
import dev.hourglass.backend.system.HourglassProperties;
import dev.hourglass.protocol.JobStatus;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A node whose agent misses {@value #MISSED_HEARTBEATS} heartbeats in a row becomes LOST; the jobs running on
 * it fail with that reason and all their GPUs (on every node) are freed.
 */
@Component
public class NodeHealthMonitor {

    public static final int MISSED_HEARTBEATS = 3;
    private static final Logger log = LoggerFactory.getLogger(NodeHealthMonitor.class);

    private final JdbcClient jdbc;
    private final JobRepository jobs;
    private final JobLifecycle lifecycle;
    private final TransactionTemplate transaction;
    private final Duration interval;
    private final DatabaseOutage outage;
    private final ScheduledExecutorService executor = DaemonThreads.single("node-health");
    private boolean lastCheckFailed;

    public NodeHealthMonitor(JdbcClient jdbc, JobRepository jobs, JobLifecycle lifecycle,
                             TransactionTemplate transaction, HourglassProperties properties, DatabaseOutage outage) {
        this.outage = outage;
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.transaction = transaction;
        this.interval = properties.heartbeatInterval();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        // Agents could not heartbeat while the control plane was down: count their silence from now, so that a
        // restart fails no job whose nodes are in fact alive (a dead one is LOST three intervals from now).
        countSilenceFromNow();
        executor.scheduleWithFixedDelay(this::checkNow, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void checkNow() {
        try {
            if (lastCheckFailed) {
                // the heartbeats agents sent while the database was unreachable were lost, not missed
                countSilenceFromNow();
            }
            check(Instant.now());
            lastCheckFailed = false;
            outage.succeeded();
        } catch (RuntimeException e) {
            lastCheckFailed = true;
            if (DatabaseOutage.isUnreachable(e)) {
                outage.failed(e);
            } else {
                log.error("node health check failed; the next one retries", e);
            }
        }
    }

    private void countSilenceFromNow() {
        int waiting = jdbc.sql("update nodes set last_heartbeat_at = now()"
                        + " where state <> ? and last_heartbeat_at < now()")
                .param(NodeState.LOST.name())
                .update();
        if (waiting > 0) {
            log.info("{} node(s) have {} s to heartbeat again", waiting, interval.multipliedBy(MISSED_HEARTBEATS).toSeconds());
        }
    }

    /** A node just marked LOST, and when it was last heard from. */
    private record LostNode(long id, String name, Instant lastHeartbeat) {
    }

    /** Marks nodes silent since before {@code now - 3 intervals} LOST and fails their jobs; returns their names. */
    public List<String> check(Instant now) {
        Instant cutoff = now.minus(interval.multipliedBy(MISSED_HEARTBEATS));
        return transaction.execute(status -> {
            List<LostNode> lost = jdbc.sql("""
                    update nodes set state = :lost where state <> :lost and last_heartbeat_at < :cutoff
                    returning id, name, last_heartbeat_at""")
                    .param("lost", NodeState.LOST.name())
                    .param("cutoff", Timestamp.from(cutoff))
                    .query((rs, i) -> new LostNode(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                    .list();
            for (LostNode node : lost) {
                long silentSeconds = Duration.between(node.lastHeartbeat(), now).toSeconds();
                String reason = "node " + node.name() + " was lost: no heartbeat for " + silentSeconds + " s ("
                        + MISSED_HEARTBEATS + " intervals of " + interval.toMillis() / 1000.0 + " s)";
                List<Long> affected = jdbc.sql("""
                        select distinct a.job_id from gpu_allocations a join jobs j on j.id = a.job_id
                        where a.node_id = ? and a.released_at is null and j.status in (?, ?)""")
                        .params(node.id(), JobStatus.STARTING.name(), JobStatus.RUNNING.name())
                        .query(Long.class).list();
                int failed = 0;
                for (long jobId : affected) {
                    Job job = jobs.findByIdForUpdate(jobId).orElseThrow();
                    if (!job.getStatus().hasEnded()) { // a cancel may have ended it since the query above
                        lifecycle.end(job, JobStatus.FAILED, reason);
                        failed++;
                    }
                }
                log.warn("{}; {} job(s) failed", reason, failed);
            }
            return lost.stream().map(LostNode::name).toList();
        });
    }

    /**
     * Stops at the very start of a shutdown: while the web server drains its requests it answers no heartbeat,
     * and the nodes it cannot hear must not be declared LOST by a control plane that is going away.
     */
    @EventListener(ContextClosedEvent.class)
    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
