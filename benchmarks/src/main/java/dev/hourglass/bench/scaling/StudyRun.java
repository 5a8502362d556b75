package dev.hourglass.bench.scaling;

import dev.hourglass.bench.platform.LocalCluster;
import dev.hourglass.bench.platform.JobWatch;
import dev.hourglass.bench.platform.PlatformClient;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.bench.scaling.ScalingStudy.Arm;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Submits the runs of a study to the control plane as ordinary jobs, one at a time (seed by seed, so that an
 * interrupted study has whole rounds), lets the scheduler place each on the agents, reports progress as it trains
 * and reads its metrics back over REST once it has succeeded. One at a time because jobs side by side on a few
 * cores oversubscribe ND4J's OpenMP threads: three baselines together ran at 5.5 images/s each, one alone at 215.
 */
final class StudyRun {

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
        int total = study.arms().size() * study.seeds();
        progress.printf(Locale.ROOT, "%d jobs (%d settings x %d seeds), one at a time, on %s%n", total,
                study.arms().size(), study.seeds(), cluster.description());
        List<RunResult> results = new ArrayList<>();
        JobWatch watch = new JobWatch(api, progress);
        for (int seed = 1; seed <= study.seeds(); seed++) {
            for (Arm arm : study.arms()) {
                JsonNode submitted = api.post("/api/v1/jobs", jobRequest(arm, seed));
                long id = submitted.get("id").asLong();
                JsonNode job = watch.awaitEnd(id, arm.label() + " seed " + seed);
                if (!job.get("status").asText().equals("SUCCEEDED")) {
                    throw new IllegalStateException("job " + id + " (" + arm.label() + ", seed " + seed + ") ended "
                            + job.get("status").asText() + ": " + job.path("failureReason").asText()
                            + "\nits worker log ends:\n" + cluster.workerLogTail(id));
                }
                RunResult result = collect(api, id, arm, seed, submitted.get("recipe"), job);
                results.add(result);
                progress.printf(Locale.ROOT, "[%s] %d/%d done: %s seed %d, validation error %.1f%% (job %d, %.1f"
                                + " min)%n", watch.elapsed(), results.size(), total, arm.label(), seed,
                        100 * result.finalValidationError(), id, result.seconds() / 60);
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
        job.put("team", cluster.team());
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

    private static RunResult collect(PlatformClient api, long id, Arm arm, int seed, JsonNode recipe, JsonNode job)
            throws IOException, InterruptedException {
        JsonNode series = api.get("/api/v1/jobs/" + id
                + "/metrics?names=train.top1_error,val.top1_error&points=100000").get("series");
        return new RunResult(arm, seed, id, recipe.get("peakLr").asDouble(),
                recipe.get("warmup").get("startLr").asDouble(), recipe.get("warmup").get("epochs").asDouble(),
                recipe.get("k").asInt(), recipe.get("nodes").asInt(), recipe.get("itersPerEpoch").asLong(),
                values(series.get("val.top1_error")), points(series.get("train.top1_error")),
                Duration.between(Instant.parse(job.get("startedAt").asText()),
                        Instant.parse(job.get("endedAt").asText())).toMillis() / 1000.0);
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
}
