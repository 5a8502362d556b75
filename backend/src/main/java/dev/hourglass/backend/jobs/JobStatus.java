package dev.hourglass.backend.jobs;

/** QUEUED -> STARTING -> RUNNING -> SUCCEEDED | FAILED | CANCELLED. */
public enum JobStatus {
    QUEUED,
    STARTING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean hasEnded() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Holding GPUs. */
    public boolean isActive() {
        return this == STARTING || this == RUNNING;
    }
}
