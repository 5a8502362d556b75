package dev.hourglass.scheduler;

import static dev.hourglass.scheduler.Clusters.freeNode;
import static dev.hourglass.scheduler.Clusters.job;
import static dev.hourglass.scheduler.Clusters.nodeWithFree;
import static dev.hourglass.scheduler.Clusters.placedIds;
import static dev.hourglass.scheduler.Clusters.placementOf;
import static dev.hourglass.scheduler.Clusters.snapshot;
import static dev.hourglass.scheduler.Clusters.unlimited;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The first job that cannot start holds the nodes it needs; later jobs fill in around them. */
class BackfillTest {

    // node-01 has the most free GPUs, so it is the one held for an 8-GPU job that does not fit yet.
    private static final List<NodeCapacity> PARTLY_BUSY =
            List.of(nodeWithFree("node-01", 6), nodeWithFree("node-02", 3), nodeWithFree("node-03", 2));

    @Test
    void laterJobsStartOnlyOnNodesNotHeldForTheBlockedJob() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                PARTLY_BUSY,
                unlimited("vision", "speech"),
                job(1, "vision", 8), job(2, "speech", 2), job(3, "speech", 3), job(4, "speech", 4), job(5, "speech", 1)));

        assertThat(decision.waiting().get(1L).detail()).endsWith("node-01 is held for it, so it starts as soon as running jobs there finish");
        assertThat(placementOf(decision, 2).gpus()).extracting(GpuSlot::node).containsOnly("node-03");
        assertThat(placementOf(decision, 3).gpus()).extracting(GpuSlot::node).containsOnly("node-02");
        assertThat(decision.waiting().get(4L).kind()).isEqualTo(WaitKind.PRIORITY);
        assertThat(decision.waiting().get(5L).kind()).isEqualTo(WaitKind.PRIORITY);
    }

    @Test
    void withoutTheReservationALaterJobWouldTakeTheGpusTheBlockedJobWaitsFor() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                PARTLY_BUSY,
                unlimited("vision", "speech"),
                job(1, "vision", 8), job(2, "speech", 4)), Backfill.GREEDY);

        assertThat(placementOf(decision, 2).gpus()).extracting(GpuSlot::node).containsOnly("node-01");
    }

    @Test
    void onlyTheFirstBlockedJobHoldsNodes() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                PARTLY_BUSY,
                unlimited("vision", "speech"),
                job(1, "vision", 8), job(2, "speech", 8), job(3, "speech", 3)));

        assertThat(decision.waiting().get(2L)).isEqualTo(new WaitReason(WaitKind.FRAGMENTATION,
                "needs 8 GPUs on one node; 11 GPUs are free in the cluster but no node has more than 6 free"));
        assertThat(placementOf(decision, 3).gpus()).extracting(GpuSlot::node).containsOnly("node-02");
    }

    @Test
    void aMultiNodeJobHoldsTheNodesWithTheMostFreeGpus() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(nodeWithFree("node-01", 2), nodeWithFree("node-02", 7), nodeWithFree("node-03", 5), freeNode("node-04")),
                unlimited("vision", "speech"),
                job(1, "vision", 24), job(2, "speech", 2), job(3, "speech", 1)));

        assertThat(decision.waiting().get(1L).detail()).contains("node-02, node-03 and node-04 are held for it");
        assertThat(placementOf(decision, 2).gpus()).extracting(GpuSlot::node).containsOnly("node-01");
        assertThat(decision.waiting().get(3L).kind()).isEqualTo(WaitKind.PRIORITY);
    }

    @Test
    void aJobLargerThanTheClusterDoesNotBlockOthers() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01"), freeNode("node-02")),
                unlimited("vision", "speech"),
                job(1, "vision", 64, 9, 1), job(2, "speech", 8), job(3, "speech", 4), job(4, "speech", 4)));

        assertThat(decision.waiting()).containsOnlyKeys(1L);
        assertThat(decision.waiting().get(1L).kind()).isEqualTo(WaitKind.CLUSTER_TOO_SMALL);
        assertThat(placedIds(decision)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aHigherPriorityJobThatFitsStillStartsBeforeTheReservationIsMade() {
        // Reservations are made in scheduling order: a job ahead of the blocked one is not held back by it.
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                PARTLY_BUSY,
                unlimited("vision", "speech"),
                job(1, "speech", 4, 9, 1), job(2, "vision", 8, 5, 2)));

        assertThat(placementOf(decision, 1).gpus()).extracting(GpuSlot::node).containsOnly("node-01");
        assertThat(decision.waiting().get(2L).kind()).isEqualTo(WaitKind.CAPACITY);
    }
}
