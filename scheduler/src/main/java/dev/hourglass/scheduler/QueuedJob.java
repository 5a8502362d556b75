package dev.hourglass.scheduler;

/**
 * A job waiting for GPUs.
 *
 * @param gpus k: 1 to 8 on one node, or a multiple of 8 as whole nodes
 * @param submittedAt an opaque ordering number (e.g. epoch millis): earlier goes first among equal priorities
 */
public record QueuedJob(long id, String team, int gpus, int priority, long submittedAt) {

    public QueuedJob {
        if (team == null || team.isBlank()) {
            throw new IllegalArgumentException("job " + id + " has no team; every job belongs to a team");
        }
        if (gpus < 1) {
            throw new IllegalArgumentException("job " + id + " asks for " + gpus + " GPUs; a job needs at least 1");
        }
        if (gpus > NodeCapacity.GPUS_PER_NODE && gpus % NodeCapacity.GPUS_PER_NODE != 0) {
            throw new IllegalArgumentException("job " + id + " asks for " + gpus + " GPUs; a job takes 1 to "
                    + NodeCapacity.GPUS_PER_NODE + " GPUs of one node, or a multiple of "
                    + NodeCapacity.GPUS_PER_NODE + " as whole nodes (e.g. " + roundUpToWholeNodes(gpus) + ")");
        }
    }

    /** True when the job takes whole nodes rather than part of one. */
    boolean spansNodes() {
        return gpus > NodeCapacity.GPUS_PER_NODE;
    }

    int wholeNodes() {
        return gpus / NodeCapacity.GPUS_PER_NODE;
    }

    private static int roundUpToWholeNodes(int gpus) {
        return (gpus + NodeCapacity.GPUS_PER_NODE - 1) / NodeCapacity.GPUS_PER_NODE * NodeCapacity.GPUS_PER_NODE;
    }
}
