package dev.hourglass.protocol;

/**
 * A job's state, the same word in the control plane's API and database, the agents' reports and the benchmarks:
 * QUEUED -> STARTING -> RUNNING -> SUCCEEDED | FAILED | CANCELLED.
 */
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
