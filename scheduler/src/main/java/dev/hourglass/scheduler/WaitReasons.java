package dev.hourglass.scheduler;

import java.util.List;

/** The sentences behind each wait kind, with the numbers a user needs to act on them. */
final class WaitReasons {

    private static final int NAMES_SHOWN = 3;

    private WaitReasons() {
    }

    static WaitReason clusterTooSmall(QueuedJob job, NodePool pool) {
        int offlineCount = pool.unschedulableCount();
        String offline = offlineCount == 0 ? ""
                : " (" + offlineCount + " more " + (offlineCount == 1 ? "is" : "are") + " draining or lost)";
        if (job.spansNodes()) {
            return new WaitReason(WaitKind.CLUSTER_TOO_SMALL, "needs " + job.wholeNodes() + " whole 8-GPU nodes ("
                    + job.gpus() + " GPUs), but the cluster has " + pool.wholeNodeCount() + " schedulable 8-GPU nodes"
                    + offline + (pool.wholeNodeCount() == 0 ? "" : "; ask for at most "
                    + pool.wholeNodeCount() * NodeCapacity.GPUS_PER_NODE + " GPUs"));
        }
        if (pool.largestNode() == 0) {
            String why = offlineCount == 0 ? "the cluster has no nodes"
                    : "no node is schedulable (" + offlineCount + (offlineCount == 1 ? " is" : " are") + " draining or lost)";
            return new WaitReason(WaitKind.CLUSTER_TOO_SMALL, "needs " + gpus(job.gpus()) + ", but " + why);
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
                    : gpus(job.gpus());
            return new WaitReason(WaitKind.CAPACITY, "needs " + need + " but only " + free
                    + (free == 1 ? " GPU is" : " GPUs are") + " free in the cluster" + held);
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
                + "; this job fits only on GPUs held for it, so it waits until job " + head.id() + " starts or other GPUs free up");
    }

    /** "1 GPU", "16 GPUs". */
    static String gpus(int count) {
        return count == 1 ? "1 GPU" : count + " GPUs";
    }

    /** "node-01", "node-01 and node-02", "node-01, node-02, node-03 and 29 more". */
    private static String names(List<String> nodes) {
        if (nodes.size() > NAMES_SHOWN) {
            return String.join(", ", nodes.subList(0, NAMES_SHOWN)) + " and " + (nodes.size() - NAMES_SHOWN) + " more";
        }
        if (nodes.size() == 1) {
            return nodes.get(0);
        }
        return String.join(", ", nodes.subList(0, nodes.size() - 1)) + " and " + nodes.get(nodes.size() - 1);
    }
}
