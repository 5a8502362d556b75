package dev.hourglass.backend.jobs;

/** What happened to jobs, for whoever reacts (the scheduler, later the live streams). */
public final class JobEvents {

    private JobEvents() {
    }

    public record Submitted(long jobId) {
    }

    public record Ended(long jobId, JobStatus status) {
    }
}
