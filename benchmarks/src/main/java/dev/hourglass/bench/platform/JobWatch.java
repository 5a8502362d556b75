package dev.hourglass.bench.platform;

import dev.hourglass.client.ApiException;
import dev.hourglass.client.api.JobsApi;
import dev.hourglass.client.model.JobView;
import dev.hourglass.client.model.Progress;
import dev.hourglass.protocol.JobStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Follows a submitted job until it ends, with a progress line now and then. */
public final class JobWatch {

    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(60);

    private final JobsApi jobs;
    private final PrintStream progress;
    private final long started = System.nanoTime();

    public JobWatch(JobsApi jobs, PrintStream progress) {
        this.jobs = jobs;
        this.progress = progress;
    }

    /** The job once it has ended; {@code label} names it in the progress lines. */
    public JobView awaitEnd(long id, String label) throws InterruptedException, ApiException {
        long lastProgress = System.nanoTime();
        while (true) {
            Thread.sleep(POLL.toMillis());
            JobView job = jobs.getJob(id);
            if (JobStatus.valueOf(job.getStatus().getValue()).hasEnded()) {
                return job;
            }
            if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
                lastProgress = System.nanoTime();
                Progress at = job.getProgress();
                progress.printf(Locale.ROOT, "[%s] %s: %s, epoch %.1f of %.0f%n", elapsed(), label,
                        job.getStatus().getValue(), at.getEpoch(), at.getTotalEpochs());
            }
        }
    }

    /** Minutes and seconds since this watch was made. */
    public String elapsed() {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
