package dev.hourglass.backend.jobs;

import dev.hourglass.backend.system.DurationText;
import dev.hourglass.protocol.JobStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A job as the pages summarise it: how far it got and when it should end.
 *
 * @param percent how much of its iterations ran, 0 to 100
 * @param eta     for a running job, the time left at the rate it has run so far; otherwise what it waits for
 */
public record JobRow(JobView job, double percent, String progress, String eta) {

    public static JobRow of(JobView job, Instant now) {
        JobView.Progress progress = job.progress();
        String text = String.format(Locale.ROOT, "epoch %.1f / %s · iteration %,d / %,d", progress.epoch(),
                epochs(progress.totalEpochs()), progress.iteration(), progress.totalIterations());
        return new JobRow(job, 100 * progress.fraction(), text, eta(job, now));
    }

    private static String epochs(double total) {
        return total == Math.rint(total) ? String.format(Locale.ROOT, "%.0f", total)
                : String.format(Locale.ROOT, "%.1f", total);
    }

    private static String eta(JobView job, Instant now) {
        if (job.status().hasEnded()) {
            return "";
        }
        if (job.status() == JobStatus.QUEUED) {
            return "waiting: " + job.waiting().kind();
        }
        long done = job.progress().iteration();
        if (job.startedAt() == null || done == 0) {
            return "starting";
        }
        double secondsPerIteration = Duration.between(job.startedAt(), now).toMillis() / 1000.0 / done;
        long left = job.progress().totalIterations() - done;
        return DurationText.of(Duration.ofSeconds(Math.round(secondsPerIteration * left))) + " left";
    }
}
