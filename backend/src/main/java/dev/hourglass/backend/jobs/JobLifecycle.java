package dev.hourglass.backend.jobs;

import dev.hourglass.backend.scheduling.GpuAllocationStore;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.protocol.JobStatus;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A job's life after the scheduler placed it: the agents' reports (RUNNING, SUCCEEDED, FAILED, progress), its end
 * (which frees its GPUs) whoever ends it, and its progress.
 */
@Service
public class JobLifecycle {

    private final JobRepository jobs;
    private final GpuAllocationStore allocations;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;

    public JobLifecycle(JobRepository jobs, GpuAllocationStore allocations, ApplicationEventPublisher events,
                        JdbcClient jdbc) {
        this.jobs = jobs;
        this.allocations = allocations;
        this.events = events;
        this.jdbc = jdbc;
    }

    /** An agent's report of a state change or progress. */
    @Transactional
    public void report(long id, JobStatus status, Long iteration, String reason) {
        if (iteration != null) {
            progressed(id, iteration);
        }
        Job job = jobs.findByIdForUpdate(id).orElseThrow(() -> ApiException.notFound("no job " + id));
        if (status == null || status == job.getStatus()) {
            return;
        }
        if (job.getStatus().hasEnded() || !job.getStatus().isActive() || status == JobStatus.QUEUED
                || status == JobStatus.STARTING) {
            throw ApiException.conflict("job " + id + " is " + job.getStatus() + "; it cannot become " + status);
        }
        if (status == JobStatus.RUNNING) {
            job.running(Instant.now());
            events.publishEvent(new JobEvents.StatusChanged(id, JobStatus.RUNNING, null));
        } else {
            end(job, status, status == JobStatus.FAILED && reason == null ? "the worker failed" : reason);
        }
    }

    /** Ends an active or queued job and frees its GPUs. */
    public void end(Job job, JobStatus status, String reason) {
        job.ended(status, reason, Instant.now());
        if (status == JobStatus.SUCCEEDED) {
            // the last report names the last iteration begun, one short of the total
            progressed(job.getId(), job.getTotalIterations());
        }
        allocations.release(job.getId());
        events.publishEvent(new JobEvents.StatusChanged(job.getId(), status, reason));
        events.publishEvent(new JobEvents.Ended(job.getId(), status));
    }

    /** Advances a job's progress to {@code iteration}: never backwards, never past its last iteration. */
    @Transactional
    public void progressed(long id, long iteration) {
        jdbc.sql("update jobs set iteration = greatest(iteration, least(?, total_iterations)) where id = ?")
                .params(iteration, id).update();
    }
}
