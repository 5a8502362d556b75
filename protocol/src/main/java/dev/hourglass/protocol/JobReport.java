package dev.hourglass.protocol;

/**
 * An agent's report on a job: {@code POST /api/v1/agent/jobs/{id}/status}. Any field may be null.
 *
 * @param status    RUNNING, SUCCEEDED or FAILED
 * @param iteration the last iteration completed
 * @param reason    why it failed, in words a user can act on
 */
public record JobReport(JobStatus status, Long iteration, String reason) {
}
