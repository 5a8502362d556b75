package dev.hourglass.backend.jobs;

import dev.hourglass.protocol.JobStatus;
import java.util.List;

/** What happened to jobs, for whoever reacts after the change commits: the scheduler, agents, live streams. */
public final class JobEvents {

    private JobEvents() {
    }

    public record Submitted(long jobId, String team) {
    }

    /** A job moved to another state; {@code reason} says why where a user would ask. */
    public record StatusChanged(long jobId, JobStatus status, String reason) {
    }

    /** The scheduler gave these jobs their GPUs. */
    public record Placed(List<Long> jobIds) {
    }

    public record Ended(long jobId, JobStatus status) {
    }
}
