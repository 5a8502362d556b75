package dev.hourglass.cli.jobs;

/** What {@code ./hourglass jobs} exits with, for scripts to branch on. */
public final class ExitCodes {

    /** Done; for {@code watch}, the job succeeded. */
    public static final int OK = 0;
    /** The command line was wrong (picocli's usage error). */
    public static final int USAGE = 2;
    /** The control plane refused the request (a 4xx: invalid, not found, over quota, not allowed). */
    public static final int REFUSED = 3;
    /** The control plane could not be reached or failed (no answer, or a 5xx): retrying may help. */
    public static final int UNAVAILABLE = 4;
    /** {@code watch}: the job failed. */
    public static final int JOB_FAILED = 5;
    /** {@code watch}: the job was cancelled. */
    public static final int JOB_CANCELLED = 6;

    private ExitCodes() {
    }
}
