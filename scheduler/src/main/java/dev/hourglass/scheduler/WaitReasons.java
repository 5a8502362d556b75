package dev.hourglass.scheduler;

import java.util.List;

/** The sentences behind each wait kind, with the numbers a user needs to act on them. */
final class WaitReasons {

    private static final int NAMES_SHOWN = 3;

    private WaitReasons() {
    }

    static WaitReason clusterTooSmall(QueuedJob job, NodePool pool) {
        String offline = pool.unschedulableCount() == 0 ? ""
                : " (" + pool.unschedulableCount() + " more are draining or lost)";
        if (job.spansNodes()) {
            return new WaitReason(WaitKind.CLUSTER_TOO_SMALL, "needs " + job.wholeNodes() + " whole 8-GPU nodes ("
                    + job.gpus() + " GPUs), but the cluster has " + pool.wholeNodeCount() + " schedulable 8-GPU nodes"
                    + offline + "; ask for at most " + pool.wholeNodeCount() * NodeCapacity.GPUS_PER_NODE + " GPUs");
        }
        if (pool.largestNode() == 0) {
            return new WaitReason(WaitKind.CLUSTER_TOO_SMALL, "needs " + job.gpus()
                    + " GPUs, but no node is schedulable" + offline);
        }
        return new WaitReason(WaitKind.CLUSTER_TOO_SMALL, "needs " + job.gpus() + " GPUs on one node, but the largest"
                + " schedulable node has " + pool.largestNode() + offline + "; ask for at most " + pool.largestNode());
    }

    /** CAPACITY when the cluster lacks the GPUs, FRAGMENTATION when it has them but in the wrong shape. */
    static WaitReason shortage(QueuedJob job, NodePool pool, List<String> heldForIt) {
        String held = heldForIt.isEmpty() ? ""
                : "; " + names(heldForIt) + (heldForIt.size() == 1 ? " is" : " are")
                        + " held for it, so it starts as soon as running jobs there finish";
        int free = pool.freeGpus();
        if (free < job.gpus()) {
            String need = job.spansNodes()
                    ? job.wholeNodes() + " whole nodes (" + job.gpus() + " GPUs)"
                    : job.gpus() + " GPUs";
            return new WaitReason(WaitKind.CAPACITY, "needs " + need + " but only " + free
                    + " GPUs are free in the cluster" + held);
        }
        if (job.spansNodes()) {
            return new WaitReason(WaitKind.FRAGMENTATION, "needs " + job.wholeNodes() + " whole free nodes ("
                    + job.gpus() + " GPUs); " + free + " GPUs are free in the cluster but only "
                    + pool.wholeFreeNodes() + (pool.wholeFreeNodes() == 1 ? " node is" : " nodes are")
                    + " entirely free" + held);
        }
        return new WaitReason(WaitKind.FRAGMENTATION, "needs " + job.gpus() + " GPUs on one node; " + free
                + " GPUs are free in the cluster but no node has more than " + pool.mostFreeOnOneNode() + " free" + held);
    }

    static WaitReason heldFor(Reservation reservation) {
        QueuedJob head = reservation.job();
        return new WaitReason(WaitKind.PRIORITY, "held for job " + head.id() + " (priority " + head.priority()
                + "), which waits for " + names(reservation.nodes())
                + "; this job fits only on GPUs held for it, so it goes after job " + head.id());
    }

    private static String names(List<String> nodes) {
        if (nodes.size() <= NAMES_SHOWN) {
            return String.join(", ", nodes);
        }
        return String.join(", ", nodes.subList(0, NAMES_SHOWN)) + " and " + (nodes.size() - NAMES_SHOWN) + " more";
    }
}
