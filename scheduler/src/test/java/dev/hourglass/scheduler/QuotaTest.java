package dev.hourglass.scheduler;

import static dev.hourglass.scheduler.Clusters.freeNode;
import static dev.hourglass.scheduler.Clusters.job;
import static dev.hourglass.scheduler.Clusters.placedIds;
import static dev.hourglass.scheduler.Clusters.quota;
import static dev.hourglass.scheduler.Clusters.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A team never holds more GPUs than its quota, and a team at its quota never holds up the others. */
class QuotaTest {

    private static final List<NodeCapacity> FOUR_FREE_NODES =
            List.of(freeNode("node-01"), freeNode("node-02"), freeNode("node-03"), freeNode("node-04"));

    @Test
    void jobsPlacedEarlierInThePassCountAgainstTheQuota() {
        // vision holds 8 of 24: the first 8-GPU job brings it to 16, the second to 24, the third would make 32.
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                FOUR_FREE_NODES,
                List.of(new TeamQuota("vision", 24, 8)),
                job(1, "vision", 8), job(2, "vision", 8), job(3, "vision", 8)));

        assertThat(placedIds(decision)).containsExactly(1L, 2L);
        assertThat(decision.waiting().get(3L)).isEqualTo(new WaitReason(WaitKind.QUOTA,
                "team vision holds 24 of its 24-GPU quota (16 of them started in this pass); this job needs 8 more"));
    }

    @Test
    void aSmallerJobOfTheSameTeamMayStillFitUnderTheQuota() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                FOUR_FREE_NODES,
                List.of(new TeamQuota("vision", 24, 16)),
                job(1, "vision", 16), job(2, "vision", 4)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.QUOTA,
                "team vision holds 16 of its 24-GPU quota; this job needs 16 more"));
        assertThat(placedIds(decision)).containsExactly(2L);
    }

    @Test
    void aTeamAtItsQuotaDoesNotHoldUpOtherTeams() {
        // vision's 32-GPU job comes first and would fit the cluster, but not vision's quota:
        // it neither starts nor reserves nodes, so speech's jobs behind it start at once.
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                FOUR_FREE_NODES,
                List.of(quota("vision", 16), quota("speech", 32)),
                job(1, "vision", 32, 9, 1), job(2, "speech", 16), job(3, "speech", 8), job(4, "speech", 8)));

        assertThat(decision.waiting()).containsOnlyKeys(1L);
        assertThat(decision.waiting().get(1L).kind()).isEqualTo(WaitKind.QUOTA);
        assertThat(placedIds(decision)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aTeamMissingFromTheSnapshotHasNoQuota() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                FOUR_FREE_NODES, List.of(quota("vision", 8)), job(1, "ghost", 1)));

        assertThat(decision.waiting().get(1L)).isEqualTo(new WaitReason(WaitKind.QUOTA,
                "team ghost has no GPU quota; an admin must give it at least 1 GPU for this job to run"));
    }

    @Test
    void aQuotaLoweredBelowWhatTheTeamHoldsStartsNothingNew() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                FOUR_FREE_NODES, List.of(new TeamQuota("vision", 8, 16)), job(1, "vision", 1)));

        assertThat(decision.placements()).isEmpty();
        assertThat(decision.waiting().get(1L).detail()).isEqualTo("team vision holds 16 of its 8-GPU quota; this job needs 1 more");
    }
}
