package dev.hourglass.bench.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.protocol.JobStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Follows a submitted job until it ends, with a progress line now and then. */
public final class JobWatch {

    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(60);

    private final PlatformClient api;
    private final PrintStream progress;
    private final long started = System.nanoTime();

    public JobWatch(PlatformClient api, PrintStream progress) {
        this.api = api;
        this.progress = progress;
    }

    /** The job once it has ended; {@code label} names it in the progress lines. */
    public JsonNode awaitEnd(long id, String label) throws IOException, InterruptedException {
        long lastProgress = System.nanoTime();
        while (true) {
            Thread.sleep(POLL.toMillis());
            JsonNode job = api.get("/api/v1/jobs/" + id);
            if (JobStatus.valueOf(job.get("status").asText()).hasEnded()) {
                return job;
            }
            if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos()) {
                lastProgress = System.nanoTime();
                JsonNode at = job.get("progress");
                progress.printf(Locale.ROOT, "[%s] %s: %s, epoch %.1f of %.0f%n", elapsed(), label,
                        job.get("status").asText(), at.get("epoch").asDouble(), at.get("totalEpochs").asDouble());
            }
        }
    }

    /** Minutes and seconds since this watch was made. */
    public String elapsed() {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
