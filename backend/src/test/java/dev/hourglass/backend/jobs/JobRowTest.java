package dev.hourglass.backend.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.protocol.JobStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the pages summarise a job's progress and time left. */
class JobRowTest {

    private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    private static JobView job(JobStatus status, long iteration, Instant startedAt, JobView.Waiting waiting) {
        return new JobView(7, "r50", "vision", "resnet50", "generated", 8192, 32, 256, 0, "auto", null, 7, status, START, startedAt,
                null, waiting, null, new JobView.Progress(iteration, 14_040, iteration / 156.0, 90, iteration / 14_040.0),
                List.of(), null);
    }

    @Test
    void aRunningJobsTimeLeftIsItsRateSoFarOverTheIterationsLeft() {
        JobRow row = JobRow.of(job(JobStatus.RUNNING, 1404, START, null), START.plusSeconds(600));

        assertThat(row.percent()).isEqualTo(10.0);
        assertThat(row.progress()).isEqualTo("epoch 9.0 / 90 · iteration 1,404 / 14,040");
        assertThat(row.eta()).isEqualTo("1 h 30 min left");
    }

    @Test
    void aQueuedJobSaysWhatItWaitsForAndAnEndedOneNothing() {
        JobView.Waiting quota = new JobView.Waiting("QUOTA", "team vision holds 256 of its 256-GPU quota");

        assertThat(JobRow.of(job(JobStatus.QUEUED, 0, null, quota), START).eta()).isEqualTo("waiting: QUOTA");
        assertThat(JobRow.of(job(JobStatus.STARTING, 0, null, null), START).eta()).isEqualTo("starting");
        assertThat(JobRow.of(job(JobStatus.SUCCEEDED, 14_040, START, null), START).eta()).isEmpty();
    }
}
