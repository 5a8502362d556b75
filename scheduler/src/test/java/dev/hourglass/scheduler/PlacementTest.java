package dev.hourglass.scheduler;

import static dev.hourglass.scheduler.Clusters.drained;
import static dev.hourglass.scheduler.Clusters.freeNode;
import static dev.hourglass.scheduler.Clusters.job;
import static dev.hourglass.scheduler.Clusters.node;
import static dev.hourglass.scheduler.Clusters.nodeWithFree;
import static dev.hourglass.scheduler.Clusters.placementOf;
import static dev.hourglass.scheduler.Clusters.snapshot;
import static dev.hourglass.scheduler.Clusters.unlimited;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a job lands: best fit on one node, whole nodes for large jobs, all or nothing. */
class PlacementTest {

    @Test
    void aSmallJobGoesToTheFullestNodeThatStillFitsItOnItsLowestFreeGpus() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01"), node("node-02", 1, 4, 6, 7), nodeWithFree("node-03", 2)),
                unlimited("vision"),
                job(1, "vision", 3)));

        assertThat(placementOf(decision, 1).gpus()).containsExactly(
                new GpuSlot("node-02", 1), new GpuSlot("node-02", 4), new GpuSlot("node-02", 6));
        assertThat(decision.waiting()).isEmpty();
    }

    @Test
    void bestFitKeepsAWholeNodeFreeForALargeJob() {
        // The 2-GPU jobs fill the half-busy node-02 although node-01 comes first by name,
        // so node-01 is still whole when the 8-GPU job behind them is considered.
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01"), nodeWithFree("node-02", 4)),
                unlimited("vision"),
                job(1, "vision", 2), job(2, "vision", 2), job(3, "vision", 8)));

        assertThat(placementOf(decision, 1).gpus()).containsExactly(new GpuSlot("node-02", 0), new GpuSlot("node-02", 1));
        assertThat(placementOf(decision, 2).gpus()).containsExactly(new GpuSlot("node-02", 2), new GpuSlot("node-02", 3));
        assertThat(placementOf(decision, 3).gpus()).hasSize(8).allMatch(slot -> slot.node().equals("node-01"));
    }

    @Test
    void equallyFullNodesAreTakenInNameOrder() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(nodeWithFree("node-b", 4), nodeWithFree("node-a", 4)),
                unlimited("vision"),
                job(1, "vision", 4)));

        assertThat(placementOf(decision, 1).gpus()).extracting(GpuSlot::node).containsOnly("node-a");
    }

    @Test
    void aMultiNodeJobTakesWholeFreeNodesInNameOrder() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-04"), nodeWithFree("node-01", 7), freeNode("node-03"), freeNode("node-02")),
                unlimited("vision"),
                job(1, "vision", 16)));

        List<GpuSlot> gpus = placementOf(decision, 1).gpus();
        assertThat(gpus).hasSize(16);
        assertThat(gpus.subList(0, 8)).allMatch(slot -> slot.node().equals("node-02"));
        assertThat(gpus.subList(8, 16)).allMatch(slot -> slot.node().equals("node-03"));
        assertThat(gpus).extracting(GpuSlot::gpu).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void aJobThatDoesNotFitTakesNothing() {
        // 18 GPUs are free, but only one node is whole: the 16-GPU job must not start half of itself.
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01"), nodeWithFree("node-02", 7), nodeWithFree("node-03", 3)),
                unlimited("vision"),
                job(1, "vision", 16)));

        assertThat(decision.placements()).isEmpty();
        assertThat(decision.waiting().get(1L).kind()).isEqualTo(WaitKind.FRAGMENTATION);
    }

    @Test
    void drainingAndLostNodesNeverGetPlacements() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(drained("node-01"), nodeWithFree("node-02", 2), drained("node-03")),
                unlimited("vision"),
                job(1, "vision", 2), job(2, "vision", 4)));

        assertThat(placementOf(decision, 1).gpus()).extracting(GpuSlot::node).containsOnly("node-02");
        assertThat(decision.waiting().get(2L).kind()).isEqualTo(WaitKind.CAPACITY);
    }

    @Test
    void theSameSnapshotInAnyOrderGivesTheSameDecision() {
        List<NodeCapacity> nodes = List.of(nodeWithFree("node-01", 3), freeNode("node-02"), nodeWithFree("node-03", 5));
        List<QueuedJob> queue = List.of(job(1, "vision", 2), job(2, "speech", 8), job(3, "vision", 1, 5, 9), job(4, "speech", 4));
        List<TeamQuota> teams = unlimited("vision", "speech");

        SchedulingDecision decision = GangScheduler.schedule(new ClusterSnapshot(nodes, teams, queue));
        SchedulingDecision reversed = GangScheduler.schedule(new ClusterSnapshot(
                reversed(nodes), reversed(teams), reversed(queue)));

        assertThat(reversed).isEqualTo(decision);
        assertThat(reversed.waiting().keySet()).containsExactlyElementsOf(decision.waiting().keySet());
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
