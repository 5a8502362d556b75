package dev.hourglass.scheduler;

/**
 * A team's GPU budget. A team absent from the snapshot has quota 0.
 *
 * @param gpusInUse GPUs the team holds now (jobs STARTING or RUNNING); may exceed a quota lowered since
 */
public record TeamQuota(String team, int quotaGpus, int gpusInUse) {

    public TeamQuota {
        if (team == null || team.isBlank()) {
            throw new IllegalArgumentException("a team quota needs a team name, got " + (team == null ? "null" : "a blank one"));
        }
        if (quotaGpus < 0) {
            throw new IllegalArgumentException("team " + team + " has quotaGpus=" + quotaGpus + "; a quota is 0 or more GPUs");
        }
        if (gpusInUse < 0) {
            throw new IllegalArgumentException("team " + team + " has gpusInUse=" + gpusInUse + "; it is 0 or more GPUs");
        }
    }
}
