package dev.hourglass.cli.jobs;

import dev.hourglass.client.api.JobsApi;
import dev.hourglass.client.model.JobMetrics;
import dev.hourglass.client.model.JobView;
import dev.hourglass.client.model.Point;
import dev.hourglass.protocol.MetricNames;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Follows a job to its end: a progress bar with the epoch, the time left at the rate so far, the latest training loss
 * and validation error. On a terminal the line redraws in place; piped, a line per change. Exits with the job's
 * outcome (0 succeeded, 5 failed, 6 cancelled).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow a job until it ends, with progress, ETA and the latest loss and error.")
final class WatchJobCommand implements Callable<Integer> {

    private static final String LOSS = MetricNames.TRAIN_LOSS;
    private static final String VALIDATION_ERROR = MetricNames.VAL_TOP1_ERROR;
    private static final int BAR = 30;

    @Spec
    CommandSpec spec;
    @Mixin
    Connection connection;

    @Parameters(paramLabel = "ID")
    long id;
    @Option(names = "--interval", defaultValue = "2", description = "seconds between looks (default: 2)")
    double intervalSeconds;

    @Override
    public Integer call() throws Exception {
        JobsApi jobs = connection.jobs();
        PrintWriter out = spec.commandLine().getOut();
        boolean terminal = System.console() != null;
        String previous = "";
        while (true) {
            JobView job = jobs.getJob(id);
            String line = line(job, jobs.getJobMetrics(id, LOSS + "," + VALIDATION_ERROR, 2));
            if (terminal) {
                out.print("\r" + line + "\033[K");
                out.flush();
            } else if (!line.equals(previous)) {
                out.println(line);
                out.flush();
            }
            previous = line;
            switch (job.getStatus()) {
                case SUCCEEDED -> {
                    return ended(out, terminal, job, ExitCodes.OK);
                }
                case FAILED -> {
                    return ended(out, terminal, job, ExitCodes.JOB_FAILED);
                }
                case CANCELLED -> {
                    return ended(out, terminal, job, ExitCodes.JOB_CANCELLED);
                }
                default -> Thread.sleep((long) (intervalSeconds * 1000));
            }
        }
    }

    private static int ended(PrintWriter out, boolean terminal, JobView job, int exitCode) {
        if (terminal) {
            out.println();
        }
        out.println("job " + job.getId() + " " + job.getStatus().getValue()
                + (job.getFailureReason() == null ? "" : ": " + job.getFailureReason()));
        return exitCode;
    }

    static String line(JobView job, JobMetrics metrics) {
        double fraction = job.getProgress().getFraction();
        int filled = (int) Math.round(fraction * BAR);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "job %d [%s%s] %3.0f%% epoch %.1f/%.0f",
                job.getId(), "#".repeat(filled), ".".repeat(BAR - filled), 100 * fraction,
                job.getProgress().getEpoch(), job.getProgress().getTotalEpochs()));
        eta(job).ifPresent(left -> line.append("  ETA ").append(left));
        latest(metrics, LOSS).ifPresent(loss -> line.append(String.format(Locale.ROOT, "  loss %.4f", loss)));
        latest(metrics, VALIDATION_ERROR).ifPresent(error -> line.append(String.format(Locale.ROOT,
                "  val error %.1f%%", 100 * error)));
        return line.append("  ").append(job.getStatus().getValue()).toString();
    }

    /** The time left, at the rate of progress since the job started. */
    private static java.util.Optional<String> eta(JobView job) {
        double fraction = job.getProgress().getFraction();
        OffsetDateTime started = job.getStartedAt();
        if (started == null || fraction <= 0 || fraction >= 1 || job.getEndedAt() != null) {
            return java.util.Optional.empty();
        }
        Duration elapsed = Duration.between(started, OffsetDateTime.now());
        Duration left = Duration.ofMillis((long) (elapsed.toMillis() * (1 - fraction) / fraction));
        return java.util.Optional.of(left.toHours() > 0
                ? String.format(Locale.ROOT, "%dh%02dm", left.toHours(), left.toMinutesPart())
                : String.format(Locale.ROOT, "%dm%02ds", left.toMinutes(), left.toSecondsPart()));
    }

    private static java.util.Optional<Double> latest(JobMetrics metrics, String name) {
        List<Point> points = metrics.getSeries() == null ? null : metrics.getSeries().get(name);
        return points == null || points.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(points.get(points.size() - 1).getValue());
    }
}
