package dev.hourglass.scheduler;

import static dev.hourglass.scheduler.Clusters.freeNode;
import static dev.hourglass.scheduler.Clusters.job;
import static dev.hourglass.scheduler.Clusters.placedIds;
import static dev.hourglass.scheduler.Clusters.snapshot;
import static dev.hourglass.scheduler.Clusters.unlimited;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Higher priority first, then first come first served, then the lower id. */
class SchedulingOrderTest {

    @Test
    void aHigherPriorityJobGoesFirstEvenWhenSubmittedLater() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01")),
                unlimited("vision", "speech"),
                job(1, "vision", 8, 0, 100), job(2, "speech", 8, 5, 200)));

        assertThat(placedIds(decision)).containsExactly(2L);
        assertThat(decision.waiting()).containsOnlyKeys(1L);
    }

    @Test
    void amongEqualPrioritiesTheEarlierSubmissionGoesFirst() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01")),
                unlimited("vision"),
                job(7, "vision", 8, 1, 300), job(3, "vision", 8, 1, 200)));

        assertThat(placedIds(decision)).containsExactly(3L);
    }

    @Test
    void submittedAtTheSameMomentTheLowerIdGoesFirst() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01")),
                unlimited("vision"),
                job(12, "vision", 8, 1, 500), job(11, "vision", 8, 1, 500)));

        assertThat(placedIds(decision)).containsExactly(11L);
    }

    @Test
    void placementsAndWaitingJobsAreListedInSchedulingOrder() {
        SchedulingDecision decision = GangScheduler.schedule(snapshot(
                List.of(freeNode("node-01")),
                unlimited("vision"),
                job(1, "vision", 4, 0, 1), job(2, "vision", 4, 2, 2), job(3, "vision", 4, 1, 3),
                job(4, "vision", 2, 0, 4), job(5, "vision", 1, 3, 5)));

        assertThat(placedIds(decision)).containsExactly(5L, 2L);
        assertThat(decision.waiting().keySet()).containsExactly(3L, 1L, 4L);
    }
}
