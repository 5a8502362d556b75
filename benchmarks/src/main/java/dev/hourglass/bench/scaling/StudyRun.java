package dev.hourglass.bench.scaling;

import dev.hourglass.bench.platform.JobWatch;
import dev.hourglass.bench.platform.LocalCluster;
import dev.hourglass.bench.scaling.ScalingStudy.Arm;
import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import dev.hourglass.client.ApiException;
import dev.hourglass.client.api.JobsApi;
import dev.hourglass.client.model.JobView;
import dev.hourglass.client.model.Point;
import dev.hourglass.client.model.RecipeOverrides;
import dev.hourglass.client.model.RecipePlan;
import dev.hourglass.client.model.SubmitJobRequest;
import dev.hourglass.protocol.MetricNames;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Submits the runs of a study to the control plane as ordinary jobs, round by round (the claim, the sweep up to where
 * accuracy breaks, the ablations where it last held), lets the scheduler place each on the agents, reports progress as
 * it trains and reads its metrics back over REST once it has succeeded. A job of 8 or more replica threads has the
 * machine to itself: jobs side by side on a few cores oversubscribe ND4J's OpenMP threads (three baselines together
 * ran at 5.5 images/s each, one alone at 215). The single-device baselines are the exception: each worker computes on
 * one core, so that as many baselines as the machine has cores train side by side (one core serves a single replica
 * as fast as two do). Every arm's seed s is the job's {@code seed}, so that the arms of a study start from the same
 * weights and see the same shuffles.
 */
final class StudyRun {

    /** The sweep stops once this many multiples have missed the baseline by more than the tolerance. */
    static final int BROKEN_MULTIPLES_TO_STOP = 1;

    private final ScalingStudy study;
    private final LocalCluster cluster;
    private final int baselinesSideBySide;
    private final PrintStream progress;
    private final RecordedRuns recorded;
    private final List<RunResult> results = new ArrayList<>();
    private JobWatch watch;

    /**
     * @param baselinesSideBySide how many single-device baseline runs train at once (the cluster gives each worker
     *                            one core)
     * @param recorded            runs already trained, taken as they are, and where every new one is recorded
     */
    StudyRun(ScalingStudy study, LocalCluster cluster, int baselinesSideBySide, RecordedRuns recorded,
             PrintStream progress) {
        this.study = study;
        this.cluster = cluster;
        this.baselinesSideBySide = baselinesSideBySide;
        this.recorded = recorded;
        this.progress = progress;
    }

    /** What the study trained, and the multiple its ablations ran at. */
    record Outcome(List<RunResult> runs, int ablationMultiple) {
    }

    /**
     * Which ablations round 3 trains, and where.
     *
     * @param rules    the rows of Table 2c to train; empty: none
     * @param multiple where; empty: at the largest multiple that held (the paper's choice)
     */
    record Ablations(Set<Rule> rules, OptionalInt multiple) {

        static final Ablations ALL = new Ablations(EnumSet.of(Rule.NO_SCALING, Rule.SQRT_SCALING,
                Rule.LINEAR_NO_WARMUP, Rule.LINEAR_CONSTANT_WARMUP), OptionalInt.empty());
        static final Ablations NONE = new Ablations(Set.of(), OptionalInt.empty());
    }

    Outcome run(Ablations ablations) throws IOException, InterruptedException, ApiException {
        watch = new JobWatch(cluster.jobs(), progress);
        progress.printf(Locale.ROOT, "on %s%n", cluster.description());
        progress.printf(Locale.ROOT, "round 1, the claim: baseline kn=%d against %dx (kn=%d, kn/N = %s, %d"
                        + " iterations per epoch), %d seed(s)%n", study.baselineKn(), study.claimMultiple(),
                study.baselineKn() * study.claimMultiple(), study.fractionLabel(study.claimMultiple()),
                study.iterationsPerEpoch(study.claimMultiple()), study.seeds());
        Arm baseline = study.baseline();
        for (int first = 1; first <= study.seeds(); first += baselinesSideBySide) {
            List<Integer> seeds = new ArrayList<>();
            for (int seed = first; seed < first + baselinesSideBySide && seed <= study.seeds(); seed++) {
                seeds.add(seed);
            }
            trainSideBySide(baseline, seeds);
        }
        for (int seed = 1; seed <= study.seeds(); seed++) {
            train(study.linear(study.claimMultiple()), seed);
        }
        int broken = 0;
        for (Arm arm : study.sweepArms()) {
            if (broken >= BROKEN_MULTIPLES_TO_STOP) {
                progress.printf(Locale.ROOT, "round 2: the sweep stops before kn=%d, %d multiples having missed"
                        + " the baseline by more than 1 point%n", arm.kn(), broken);
                break;
            }
            progress.printf(Locale.ROOT, "round 2, the sweep: kn=%d (kn/N = %s, %d iterations per epoch)%n",
                    arm.kn(), study.fractionLabel(arm.multiple()), study.iterationsPerEpoch(arm.multiple()));
            train(arm, 1);
            if (!PaperClaims.holds(ArmSummary.of(results), arm.multiple())) {
                broken++;
            }
        }
        int ablationMultiple = ablations.multiple().orElseGet(() -> PaperClaims.largestHoldingMultiple(study,
                ArmSummary.of(results)).orElse(study.claimMultiple()));
        if (!ablations.rules().isEmpty()) {
            progress.printf(Locale.ROOT, "round 3, the ablations at %dx (kn=%d), %d seed(s)%n", ablationMultiple,
                    study.baselineKn() * ablationMultiple, study.ablationSeeds());
            for (int seed = 1; seed <= study.ablationSeeds(); seed++) {
                if (ablationMultiple != study.claimMultiple() && seed > 1) {
                    train(study.linear(ablationMultiple), seed);
                }
                for (Arm arm : study.ablationArms(ablationMultiple)) {
                    if (ablations.rules().contains(arm.rule())) {
                        train(arm, seed);
                    }
                }
            }
        }
        return new Outcome(List.copyOf(results), ablationMultiple);
    }

    private void train(Arm arm, int seed) throws IOException, InterruptedException, ApiException {
        trainSideBySide(arm, List.of(seed));
    }

    /** Trains {@code arm} with every seed of {@code seeds} at once, each run as a job of its own. */
    private void trainSideBySide(Arm arm, List<Integer> seeds)
            throws IOException, InterruptedException, ApiException {
        Map<Integer, JobView> submitted = new LinkedHashMap<>();
        for (int seed : seeds) {
            Optional<RunResult> earlier = recorded.find(arm, seed, study.epochs());
            if (earlier.isPresent()) {
                results.add(earlier.get());
                progress.printf(Locale.ROOT, "%s seed %d: recorded before (job %d), validation error %.1f%%%n",
                        arm.label(), seed, earlier.get().jobId(), 100 * earlier.get().finalValidationError());
            } else {
                submitted.put(seed, cluster.jobs().submitJob(jobRequest(arm, seed), null));
            }
        }
        for (Map.Entry<Integer, JobView> run : submitted.entrySet()) {
            awaitAndCollect(arm, run.getKey(), run.getValue());
        }
    }

    private void awaitAndCollect(Arm arm, int seed, JobView submitted)
            throws IOException, InterruptedException, ApiException {
        long id = submitted.getId();
        JobView job = watch.awaitEnd(id, arm.label() + " seed " + seed);
        if (job.getStatus() != JobView.StatusEnum.SUCCEEDED) {
            throw new IllegalStateException("job " + id + " (" + arm.label() + ", seed " + seed + ") ended "
                    + job.getStatus().getValue() + ": " + Objects.requireNonNullElse(job.getFailureReason(), "")
                    + "\nits worker log ends:\n" + cluster.workerLogTail(id));
        }
        RunResult result = collect(cluster.jobs(), id, arm, seed, submitted.getRecipe(), job);
        results.add(result);
        recorded.add(result);
        progress.printf(Locale.ROOT, "[%s] %d runs done: %s seed %d, validation error %.1f%% (job %d, %.1f min,"
                        + " %.0f images/s training)%n", watch.elapsed(), results.size(), arm.label(), seed,
                100 * result.finalValidationError(), id, result.seconds() / 60, result.imagesPerSecond());
    }

    /** The job as a pipeline would submit it: the study's baseline is the recipe's reference minibatch. */
    private SubmitJobRequest jobRequest(Arm arm, int seed) {
        RecipeOverrides overrides = new RecipeOverrides().baseLr(study.baselineLr())
                .referenceBatch(study.baselineKn())
                .scaling(RecipeOverrides.ScalingEnum.fromValue(arm.rule().scaling))
                .warmup(RecipeOverrides.WarmupEnum.fromValue(arm.rule().warmup));
        return new SubmitJobRequest().name("scaling-" + arm.slug() + "-seed-" + seed).seed((long) seed)
                .team(cluster.team()).model(SubmitJobRequest.ModelEnum.fromValue(study.model()))
                .dataset(study.dataset()).datasetSize(study.datasetSize()).kn(arm.kn())
                .perGpuBatch(study.perGpuBatch()).epochs(study.epochs()).overrides(overrides);
    }

    private static RunResult collect(JobsApi jobs, long id, Arm arm, int seed, RecipePlan recipe, JobView job)
            throws ApiException {
        Map<String, List<Point>> series = jobs.getJobMetrics(id, String.join(",", MetricNames.TRAIN_TOP1_ERROR,
                MetricNames.VAL_TOP1_ERROR, MetricNames.IMAGES_PER_SECOND), 100_000).getSeries();
        return new RunResult(arm, seed, id, recipe.getPeakLr(), recipe.getWarmup().getStartLr(),
                recipe.getWarmup().getEpochs(), recipe.getK(), recipe.getNodes(), recipe.getItersPerEpoch(),
                values(series.get(MetricNames.VAL_TOP1_ERROR)), points(series.get(MetricNames.TRAIN_TOP1_ERROR)),
                median(values(series.get(MetricNames.IMAGES_PER_SECOND))),
                Duration.between(job.getStartedAt(), job.getEndedAt()).toMillis() / 1000.0);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    private static List<Double> values(List<Point> points) {
        return points.stream().map(Point::getValue).toList();
    }

    private static List<RunResult.Point> points(List<Point> points) {
        return points.stream().map(point -> new RunResult.Point(point.getIteration(), point.getValue())).toList();
    }
}
