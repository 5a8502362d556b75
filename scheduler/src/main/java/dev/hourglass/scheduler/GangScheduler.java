package dev.hourglass.scheduler;

/**
 * Decides which queued jobs start, and on which GPUs, from a snapshot of the cluster: a pure function,
 * with no clock, no randomness and no I/O, so the same snapshot always gives the same decision.
 *
 * <p>Jobs are taken by priority, then submission, then id. A job of up to 8 GPUs goes to the fullest
 * node that still fits it; a larger one takes whole free 8-GPU nodes; all or nothing, never over the
 * team's quota. The first job that does not fit holds the nodes it will need, and later jobs start only
 * elsewhere, so a stream of small jobs cannot starve a large one.
 */
public final class GangScheduler {

    private GangScheduler() {
    }

    public static SchedulingDecision schedule(ClusterSnapshot snapshot) {
        return schedule(snapshot, Backfill.RESERVE_FOR_HEAD);
    }

    static SchedulingDecision schedule(ClusterSnapshot snapshot, Backfill backfill) {
        if (snapshot == null) {
            throw new IllegalArgumentException("snapshot is null; pass a ClusterSnapshot with empty lists for an empty cluster");
        }
        return new SchedulingPass(snapshot, backfill).run();
    }
}
