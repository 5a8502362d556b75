package dev.hourglass.scheduler;

import static dev.hourglass.scheduler.Clusters.drained;
import static dev.hourglass.scheduler.Clusters.freeNode;
import static dev.hourglass.scheduler.Clusters.job;
import static dev.hourglass.scheduler.Clusters.nodeWithFree;
import static dev.hourglass.scheduler.Clusters.snapshot;
import static dev.hourglass.scheduler.Clusters.unlimited;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every wait kind, with the sentence a user reads next to the waiting job. */
class WaitReasonTest {

    @Test
    void quotaSaysWhatTheTeamHoldsAndWhatTheJobNeeds() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01"), freeNode("node-02")),
                List.of(new TeamQuota("vision", 24, 16)),
                job(1, "vision", 16)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.QUOTA,
                "team vision holds 16 of its 24-GPU quota; this job needs 16 more"));
    }

    @Test
    void quotaSmallerThanTheJobSaysSoRatherThanMakeItWait() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01"), freeNode("node-02")),
                List.of(new TeamQuota("vision", 8, 0)),
                job(1, "vision", 16)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.QUOTA,
                "team vision has a 8-GPU quota, smaller than this job's 16 GPUs; ask an admin to raise it or submit a smaller job"));
    }

    @Test
    void capacityWhenTheClusterHasFewerFreeGpusThanTheJobNeeds() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(nodeWithFree("node-01", 3), nodeWithFree("node-02", 0)),
                unlimited("vision"),
                job(1, "vision", 4)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.CAPACITY,
                "needs 4 GPUs but only 3 GPUs are free in the cluster; "
                        + "node-01 is held for it, so it starts as soon as running jobs there finish"));
    }

    @Test
    void capacityForAMultiNodeJobCountsGpusNotJustNodes() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01"), nodeWithFree("node-02", 2), nodeWithFree("node-03", 4)),
                unlimited("vision"),
                job(1, "vision", 24)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.CAPACITY,
                "needs 3 whole nodes (24 GPUs) but only 14 GPUs are free in the cluster; "
                        + "node-01, node-02 and node-03 are held for it, so it starts as soon as running jobs there finish"));
    }

    @Test
    void fragmentationWhenFreeGpusAreScatteredOverNodes() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(nodeWithFree("node-01", 3), nodeWithFree("node-02", 3)),
                unlimited("vision"),
                job(1, "vision", 4)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.FRAGMENTATION,
                "needs 4 GPUs on one node; 6 GPUs are free in the cluster but no node has more than 3 free; "
                        + "node-01 is held for it, so it starts as soon as running jobs there finish"));
    }

    @Test
    void fragmentationWhenFreeGpusAreNotWholeNodes() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01"), nodeWithFree("node-02", 4), nodeWithFree("node-03", 5)),
                unlimited("vision"),
                job(1, "vision", 16)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.FRAGMENTATION,
                "needs 2 whole free nodes (16 GPUs); 17 GPUs are free in the cluster but only 1 node is entirely free; "
                        + "node-01 and node-03 are held for it, so it starts as soon as running jobs there finish"));
    }

    @Test
    void priorityWhenTheJobFitsOnlyOnNodesHeldForAnEarlierOne() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(nodeWithFree("node-03", 6), nodeWithFree("node-04", 1)),
                unlimited("vision", "speech"),
                job(17, "vision", 8, 5, 1), job(18, "speech", 2, 0, 2)));

        assertThat(decision.waiting().get(18L)).isEqualTo(new WaitReason(WaitKind.PRIORITY,
                "held for job 17 (priority 5), which waits for node-03; "
                        + "this job fits only on GPUs held for it, so it waits until job 17 starts or other GPUs free up"));
    }

    @Test
    void clusterTooSmallForAMultiNodeJobSaysHowMuchItCouldAskFor() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01"), freeNode("node-02"), freeNode("node-03"), drained("node-04")),
                unlimited("vision"),
                job(1, "vision", 32)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.CLUSTER_TOO_SMALL,
                "needs 4 whole 8-GPU nodes (32 GPUs), but the cluster has 3 schedulable 8-GPU nodes "
                        + "(1 more is draining or lost); ask for at most 24 GPUs"));
    }

    @Test
    void clusterTooSmallForASingleNodeJobNamesTheLargestNode() {
        NodeCapacity fourGpuNode = new NodeCapacity("cpu-01", 4, new java.util.TreeSet<>(Set.of(0, 1, 2, 3)), true);

        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(fourGpuNode), unlimited("vision"), job(1, "vision", 8)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.CLUSTER_TOO_SMALL,
                "needs 8 GPUs on one node, but the largest schedulable node has 4; ask for at most 4"));
    }

    @Test
    void clusterTooSmallWhenEveryNodeIsDrained() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(drained("node-01"), drained("node-02")), unlimited("vision"), job(1, "vision", 1)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.CLUSTER_TOO_SMALL,
                "needs 1 GPU, but no node is schedulable (2 are draining or lost)"));
    }
}
