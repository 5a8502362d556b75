package dev.hourglass.scheduler;

/** Why a queued job did not start in this pass. */
public enum WaitKind {
    /** The team would go over its GPU quota. */
    QUOTA,
    /** Fewer GPUs are free in the cluster than the job needs. */
    CAPACITY,
    /** Enough GPUs are free in total, but not on one node, or not as whole free nodes. */
    FRAGMENTATION,
    /** It would fit, but only on nodes held for an earlier job that is waiting for them. */
    PRIORITY,
    /** The schedulable cluster could never hold the job, even when empty. */
    CLUSTER_TOO_SMALL
}
