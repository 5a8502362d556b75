package dev.hourglass.bench.maskrcnn;

import dev.hourglass.bench.Benchmark;
import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.BenchmarkRun;
import dev.hourglass.bench.LineChart;
import dev.hourglass.bench.platform.JobWatch;
import dev.hourglass.bench.platform.LocalCluster;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The paper's Mask R-CNN experiment (Section 5.5, Table 5) at small scale through the whole platform: mask-rcnn-small
 * on the built-in generated-coco set at kn = 2, 4, 8, 16 (k = 1, 2, 4, 8 devices of 2 images), eta scaled linearly
 * ({@value #BASE_LR} * kn / 16) and iterations as 1/kn (the same epochs), everything else the recipe's; one job at a
 * time on one local 8-device node, final box and mask AP on the validation split read back over REST.
 *
 * <p>The base rate is 8x the paper's 0.02: the paper's rate is for an ImageNet-pretrained R50-FPN, and the small model
 * starts from scratch; at 0.02 it barely moves in a few epochs (box AP under 0.01 at every kn).
 */
public final class MaskRcnnScalingBenchmark implements Benchmark {

    static final List<Integer> MINIBATCHES = List.of(2, 4, 8, 16);
    static final int EPOCHS = 4;
    static final int QUICK_EPOCHS = 1;
    /** eta at kn=16; {@code --base-lr} sets another. */
    static final double BASE_LR = 0.16;
    static final List<String> COLUMNS = List.of("kn", "k", "eta", "iterations", "boxAp", "boxAp50", "maskAp",
            "maskAp50", "finalLoss", "minutes");

    private final PrintStream progress;

    public MaskRcnnScalingBenchmark() {
        this(System.err);
    }

    MaskRcnnScalingBenchmark(PrintStream progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "mask-rcnn";
    }

    @Override
    public String description() {
        return "Mask R-CNN's linear scaling at small scale through the platform: mask-rcnn-small on generated-coco"
                + " at kn=2/4/8/16, box and mask AP; ~20 min (--quick: ~6)";
    }

    @Override
    public Set<String> options() {
        return Set.of("epochs", "base-lr");
    }

    @Override
    public BenchmarkReport run(boolean quick) {
        return run(new BenchmarkRun(quick, BenchmarkRun.DEFAULT_OUT, Map.of()));
    }

    @Override
    public BenchmarkReport run(BenchmarkRun run) {
        int epochs = run.integer("epochs", run.quick() ? QUICK_EPOCHS : EPOCHS);
        double baseLr = run.options().containsKey("base-lr") ? Double.parseDouble(run.options().get("base-lr"))
                : BASE_LR;
        long started = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.start("masks", 1)) {
            Thread stopCluster = new Thread(cluster::close, "stop-mask-rcnn-cluster");
            Runtime.getRuntime().addShutdownHook(stopCluster);
            JobsApi jobs = cluster.jobs();
            JobWatch watch = new JobWatch(jobs, progress);
            progress.printf(Locale.ROOT, "%d jobs of %d epochs each, one at a time, on %s%n", MINIBATCHES.size(),
                    epochs, cluster.description());
            List<List<Object>> rows = new ArrayList<>();
            for (int kn : MINIBATCHES) {
                rows.add(train(jobs, watch, cluster, kn, epochs, baseLr));
                progress.printf(Locale.ROOT, "[%s] kn=%d done: %s%n", watch.elapsed(), kn, rows.get(rows.size() - 1));
            }
            String environment = String.format(Locale.ROOT, "%s, %d CPU cores, %s; %d epochs of generated-coco per"
                            + " run (512 images, 64 validation), eta = %s kn/16; the whole benchmark took %.0f minutes",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), cluster.description(), epochs, baseLr,
                    (System.nanoTime() - started) / 60e9);
            String title = String.format(Locale.ROOT, "Validation AP against the minibatch (eta = %s kn/16,"
                    + " iterations ~ 1/kn)", baseLr);
            return new BenchmarkReport(COLUMNS, rows, new LineChart(title, "kn", "total minibatch kn",
                    List.of("boxAp", "maskAp"), "AP at IoU 0.50:0.95").withLogarithmicX(), findings(rows, environment));
        } catch (IOException | ApiException e) {
            throw new IllegalStateException("mask-rcnn benchmark failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("mask-rcnn benchmark interrupted", e);
        }
    }

    private List<Object> train(JobsApi jobs, JobWatch watch, LocalCluster cluster, int kn, int epochs,
                               double baseLr) throws InterruptedException, ApiException {
        SubmitJobRequest job = new SubmitJobRequest().name("mask-rcnn-kn" + kn).team(cluster.team())
                .model(SubmitJobRequest.ModelEnum.MASK_RCNN_SMALL).dataset("generated-coco").kn(kn).epochs(epochs)
                .overrides(new RecipeOverrides().baseLr(baseLr));
        JobView submitted = jobs.submitJob(job, null);
        long id = submitted.getId();
        JobView ended = watch.awaitEnd(id, "kn=" + kn);
        if (ended.getStatus() != JobView.StatusEnum.SUCCEEDED) {
            throw new IllegalStateException("job " + id + " (kn=" + kn + ") ended " + ended.getStatus().getValue()
                    + ": " + Objects.requireNonNullElse(ended.getFailureReason(), "") + "\nits worker log ends:\n"
                    + cluster.workerLogTail(id));
        }
        RecipePlan recipe = submitted.getRecipe();
        Map<String, List<Point>> series = jobs.getJobMetrics(id, String.join(",", MetricNames.VAL_BOX_AP,
                MetricNames.VAL_BOX_AP50, MetricNames.VAL_MASK_AP, MetricNames.VAL_MASK_AP50, MetricNames.TRAIN_LOSS),
                100_000).getSeries();
        double minutes = Duration.between(ended.getStartedAt(), ended.getEndedAt()).toMillis() / 60_000.0;
        return List.of(kn, recipe.getK(), recipe.getPeakLr(), recipe.getTotalIterations(),
                last(series, MetricNames.VAL_BOX_AP), last(series, MetricNames.VAL_BOX_AP50),
                last(series, MetricNames.VAL_MASK_AP), last(series, MetricNames.VAL_MASK_AP50),
                meanOfLastTenth(series.get(MetricNames.TRAIN_LOSS)),
                Math.round(minutes * 10) / 10.0);
    }

    private static double last(Map<String, List<Point>> series, String name) {
        List<Point> points = series.get(name);
        if (points == null || points.isEmpty()) {
            throw new IllegalStateException("the job wrote no " + name);
        }
        return round(points.get(points.size() - 1).getValue());
    }

    private static double meanOfLastTenth(List<Point> points) {
        int from = points.size() - Math.max(1, points.size() / 10);
        double sum = 0;
        for (int i = from; i < points.size(); i++) {
            sum += points.get(i).getValue();
        }
        return round(sum / (points.size() - from));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** How far AP moves from kn=2 to the largest kn, as the paper's Table 5 reads it. */
    static List<String> findings(List<List<Object>> rows, String environment) {
        List<String> findings = new ArrayList<>();
        List<Object> first = rows.get(0);
        List<Object> last = rows.get(rows.size() - 1);
        for (String column : List.of("boxAp", "maskAp")) {
            int index = COLUMNS.indexOf(column);
            double from = ((Number) first.get(index)).doubleValue();
            double to = ((Number) last.get(index)).doubleValue();
            findings.add(String.format(Locale.ROOT, "%s: %.1f at kn=%s, %.1f at kn=%s (%+.1f points; the paper:"
                            + " within 0.3 points from kn=2 to 16)", column, 100 * from, first.get(0), 100 * to,
                    last.get(0), 100 * (to - from)));
        }
        findings.add(environment);
        return findings;
    }
}
