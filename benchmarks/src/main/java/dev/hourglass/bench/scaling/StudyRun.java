package dev.hourglass.bench.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.bench.scaling.ScalingStudy.Arm;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Submits every run of a study to the control plane as an ordinary job (seed by seed, so that an interrupted study
 * has whole rounds), lets the scheduler place them on the agents, reports progress as they train and reads each
 * one's metrics back over REST once it has succeeded.
 */
final class StudyRun {

    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(60);
    private static final List<String> ENDED = List.of("SUCCEEDED", "FAILED", "CANCELLED");

    private final ScalingStudy study;
    private final LocalCluster cluster;
    private final PrintStream progress;

    StudyRun(ScalingStudy study, LocalCluster cluster, PrintStream progress) {
        this.study = study;
        this.cluster = cluster;
        this.progress = progress;
    }

    List<RunResult> run() throws IOException, InterruptedException {
        PlatformClient api = cluster.admin();
        Map<Long, Submitted> pending = new LinkedHashMap<>();
        for (int seed = 1; seed <= study.seeds(); seed++) {
            for (Arm arm : study.arms()) {
                JsonNode job = api.post("/api/v1/jobs", jobRequest(arm, seed));
                pending.put(job.get("id").asLong(), new Submitted(arm, seed, job.get("recipe")));
            }
        }
        progress.printf(Locale.ROOT, "submitted %d jobs (%d settings x %d seeds) to %s%n", pending.size(),
                study.arms().size(), study.seeds(), cluster.description());

        List<RunResult> results = new ArrayList<>();
        long started = System.nanoTime();
        long lastProgress = started;
        while (!pending.isEmpty()) {
            Thread.sleep(POLL.toMillis());
            List<String> running = new ArrayList<>();
            for (var entry : List.copyOf(pending.entrySet())) {
                long id = entry.getKey();
                Submitted submitted = entry.getValue();
                JsonNode job = api.get("/api/v1/jobs/" + id);
                String status = job.get("status").asText();
                if (status.equals("SUCCEEDED")) {
                    pending.remove(id);
                    RunResult result = collect(api, id, submitted, job);
                    results.add(result);
                    progress.printf(Locale.ROOT, "[%s] %d/%d done: %s seed %d, validation error %.1f%% (job %d)%n",
                            elapsed(started), results.size(), results.size() + pending.size(),
                            submitted.arm().label(), submitted.seed(), 100 * result.finalValidationError(), id);
                } else if (ENDED.contains(status)) {
                    throw new IllegalStateException("job " + id + " (" + submitted.arm().label() + ", seed "
                            + submitted.seed() + ") ended " + status + ": " + job.path("failureReason").asText()
                            + "\nits worker log ends:\n" + cluster.workerLogTail(id));
                } else if (status.equals("RUNNING")) {
                    JsonNode at = job.get("progress");
                    running.add(String.format(Locale.ROOT, "%s seed %d at epoch %.1f of %.0f",
                            submitted.arm().label(), submitted.seed(), at.get("epoch").asDouble(),
                            at.get("totalEpochs").asDouble()));
                }
            }
            if (System.nanoTime() - lastProgress > PROGRESS_EVERY.toNanos() && !pending.isEmpty()) {
                lastProgress = System.nanoTime();
                progress.printf(Locale.ROOT, "[%s] %d/%d done; running: %s%n", elapsed(started), results.size(),
                        results.size() + pending.size(), running.isEmpty() ? "none yet" : String.join("; ", running));
            }
        }
        return results;
    }

    /** The job as a pipeline would submit it: the study's baseline is the recipe's reference minibatch. */
    private Map<String, Object> jobRequest(Arm arm, int seed) {
        Map<String, Object> overrides = new LinkedHashMap<>();
        overrides.put("baseLr", study.baselineLr());
        overrides.put("referenceBatch", study.baselineKn());
        overrides.put("scaling", arm.rule().scaling);
        overrides.put("warmup", arm.rule().warmup);
        if (arm.rule().warmup.equals("GRADUAL")) {
            overrides.put("warmupEpochs", study.warmupEpochs());
        }
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("name", "scaling-" + arm.slug() + "-seed-" + seed);
        job.put("team", LocalCluster.TEAM);
        job.put("model", study.model());
        job.put("dataset", study.dataset());
        if (study.datasetSize() != null) {
            job.put("datasetSize", study.datasetSize());
        }
        job.put("kn", arm.kn());
        job.put("perGpuBatch", study.perGpuBatch());
        job.put("epochs", study.epochs());
        job.put("overrides", overrides);
        return job;
    }

    private static RunResult collect(PlatformClient api, long id, Submitted submitted, JsonNode job)
            throws IOException, InterruptedException {
        JsonNode series = api.get("/api/v1/jobs/" + id
                + "/metrics?names=train.top1_error,val.top1_error&points=100000").get("series");
        JsonNode recipe = submitted.recipe();
        return new RunResult(submitted.arm(), submitted.seed(), id, recipe.get("peakLr").asDouble(),
                recipe.get("warmup").get("startLr").asDouble(), recipe.get("warmup").get("epochs").asDouble(),
                recipe.get("k").asInt(), recipe.get("nodes").asInt(), recipe.get("itersPerEpoch").asLong(),
                values(series.get("val.top1_error")), points(series.get("train.top1_error")),
                Duration.between(java.time.Instant.parse(job.get("startedAt").asText()),
                        java.time.Instant.parse(job.get("endedAt").asText())).toMillis() / 1000.0);
    }

    private static List<Double> values(JsonNode points) {
        List<Double> values = new ArrayList<>();
        points.forEach(point -> values.add(point.get("value").asDouble()));
        return values;
    }

    private static List<RunResult.Point> points(JsonNode points) {
        List<RunResult.Point> list = new ArrayList<>();
        points.forEach(point -> list.add(new RunResult.Point(point.get("iteration").asLong(),
                point.get("value").asDouble())));
        return list;
    }

    private static String elapsed(long started) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private record Submitted(Arm arm, int seed, JsonNode recipe) {
    }
}
