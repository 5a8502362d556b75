package dev.hourglass.bench.scaling;

import dev.hourglass.bench.platform.LocalCluster;

import dev.hourglass.bench.Benchmark;
import dev.hourglass.bench.LoadAverage;
import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.BenchmarkRun;
import dev.hourglass.client.ApiException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The paper's minibatch-scaling findings reproduced at small scale through the whole platform (control plane,
 * agents, mpirun, hierarchical allreduce): see {@link ScalingStudy} for what is trained and {@link PaperClaims} for
 * what is checked. Besides NAME.json and NAME.png it writes the training-error curves and {@code scaling.md}.
 */
public final class ScalingBenchmark implements Benchmark {

    private final PrintStream progress;

    public ScalingBenchmark() {
        this(System.err);
    }

    ScalingBenchmark(PrintStream progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "scaling";
    }

    @Override
    public String description() {
        return "the paper's scaling result through the platform, in its regime (kn/N <= 1/128 at 8x): baseline vs 8x,"
                + " the Figure 1 sweep of kn, the Table 2c ablations, 12 epochs; 107 min on 2 cores (--quick: the 8x"
                + " claim, one seed, 6 epochs, ~13 min)";
    }

    @Override
    public Set<String> options() {
        return Set.of("seeds", "epochs", "dataset", "baseline-lr", "sweep", "resume", "ablations", "ablations-at",
                "ablation-seeds");
    }

    @Override
    public BenchmarkReport run(boolean quick) {
        return run(new BenchmarkRun(quick, BenchmarkRun.DEFAULT_OUT, Map.of()));
    }

    @Override
    public BenchmarkReport run(BenchmarkRun run) {
        ScalingStudy study = study(run);
        progress.printf(Locale.ROOT, "%s on %s: baseline kn=%d, %dx (kn/N = %s), sweep %s, %d seed(s), %d epochs,"
                        + " on %d local 8-device node(s)%n", study.model(), study.dataset(), study.baselineKn(),
                study.claimMultiple(), study.fractionLabel(study.claimMultiple()), study.sweepMultiples(),
                study.seeds(), study.epochs(), study.nodesNeeded());
        long started = System.nanoTime();
        // one core per worker: a baseline's single replica is as fast on one as on two, and baselines pair up
        int cores = Runtime.getRuntime().availableProcessors();
        try (LocalCluster cluster = LocalCluster.start("scaling", study.nodesNeeded(), 1)) {
            // Ctrl-C stops the agents, their workers and the control plane too, and drops the study's database
            Thread stopCluster = new Thread(cluster::close, "stop-scaling-cluster");
            Runtime.getRuntime().addShutdownHook(stopCluster);
            String resume = run.options().get("resume");
            RecordedRuns recorded = RecordedRuns.open(run.outDir().resolve(RecordedRuns.FILE),
                    resume == null ? null : Path.of(resume));
            StudyRun.Outcome outcome = new StudyRun(study, cluster, cores, recorded, progress).run(ablations(run));
            List<ArmSummary> summaries = ArmSummary.of(outcome.runs());
            List<PaperClaims.Claim> claims = PaperClaims.check(study, summaries, outcome.ablationMultiple());
            Files.createDirectories(run.outDir());
            List<String> curves = TrainingCurves.write(study, summaries, outcome.ablationMultiple(), run.outDir());
            double minutes = (System.nanoTime() - started) / 60e9;
            String environment = String.format(Locale.ROOT, "%s, %d CPU cores, load average %s at the end; %s; the"
                            + " whole study took %.0f minutes", LocalDate.now(),
                    Runtime.getRuntime().availableProcessors(), LoadAverage.now(), cluster.description(), minutes);
            Path markdown = ScalingMarkdown.write(run.outDir(), study, summaries, outcome.ablationMultiple(), claims,
                    curves, environment, command(run));
            progress.println("wrote " + markdown + " and " + String.join(", ", curves));
            return ScalingReport.of(study, summaries, claims, environment);
        } catch (IOException | ApiException e) {
            throw new IllegalStateException("scaling benchmark failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("scaling benchmark interrupted", e);
        }
    }

    static ScalingStudy study(BenchmarkRun run) {
        ScalingStudy base = run.quick() ? ScalingStudy.quick() : ScalingStudy.standard();
        ScalingStudy study = base.withEpochs(run.integer("epochs", base.epochs()))
                .withSeeds(run.integer("seeds", base.seeds()));
        study = study.withAblationSeeds(run.integer("ablation-seeds", study.ablationSeeds()))
                .withBaselineLr(run.decimal("baseline-lr", base.baselineLr()));
        String sweep = run.options().get("sweep");
        if (sweep != null) {
            study = study.withSweep(multiples(sweep));
        }
        String dataset = run.options().get("dataset");
        return dataset == null ? study : study.withDataset(Path.of(dataset).toAbsolutePath().toString(),
                trainingImages(Path.of(dataset)));
    }

    /**
     * Round 3: every ablation at the largest multiple that held, unless {@code --quick}; {@code --ablations
     * no-warmup,sqrt} trains only those (quick or not), {@code --ablations-at 16} at that multiple instead.
     */
    static StudyRun.Ablations ablations(BenchmarkRun run) {
        String rules = run.options().get("ablations");
        StudyRun.Ablations chosen = rules == null ? (run.quick() ? StudyRun.Ablations.NONE : StudyRun.Ablations.ALL)
                : new StudyRun.Ablations(ablationRules(rules), java.util.OptionalInt.empty());
        String at = run.options().get("ablations-at");
        return at == null ? chosen : new StudyRun.Ablations(chosen.rules(), java.util.OptionalInt.of(
                multiples(at).stream().findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "--ablations-at: give one multiple of the baseline minibatch, e.g. --ablations-at 16"))));
    }

    /** "no-warmup,sqrt": rows of Table 2c by their short names. */
    static Set<ScalingStudy.Rule> ablationRules(String list) {
        Map<String, ScalingStudy.Rule> byName = Map.of("no-scaling", ScalingStudy.Rule.NO_SCALING,
                "sqrt", ScalingStudy.Rule.SQRT_SCALING, "no-warmup", ScalingStudy.Rule.LINEAR_NO_WARMUP,
                "constant-warmup", ScalingStudy.Rule.LINEAR_CONSTANT_WARMUP);
        Set<ScalingStudy.Rule> rules = java.util.EnumSet.noneOf(ScalingStudy.Rule.class);
        for (String name : list.split(",")) {
            ScalingStudy.Rule rule = byName.get(name.trim());
            if (rule == null) {
                throw new IllegalArgumentException("--ablations " + list + ": give some of no-scaling, sqrt,"
                        + " no-warmup, constant-warmup, comma-separated");
            }
            rules.add(rule);
        }
        return rules;
    }

    /** "16,32,64": multiples of the baseline minibatch. */
    static List<Integer> multiples(String list) {
        try {
            return list.isBlank() ? List.of() : Stream.of(list.split(",")).map(String::trim).map(Integer::valueOf)
                    .toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sweep " + list + ": give multiples of the baseline minibatch,"
                    + " comma-separated, e.g. --sweep 16,32,64");
        }
    }


    /** The images under DIR/train/CLASS/, checking the ImageNet layout (train and val, a folder per class). */
    static long trainingImages(Path dataset) {
        for (String split : List.of("train", "val")) {
            if (!Files.isDirectory(dataset.resolve(split))) {
                throw new IllegalArgumentException("--dataset " + dataset + " has no " + split + "/ folder; it needs"
                        + " the ImageNet layout: DIR/train/CLASS/*.png and DIR/val/CLASS/*.png");
            }
        }
        try (Stream<Path> classes = Files.list(dataset.resolve("train"))) {
            long images = classes.filter(Files::isDirectory).mapToLong(ScalingBenchmark::files).sum();
            if (images == 0) {
                throw new IllegalArgumentException("--dataset " + dataset + " has no images under train/CLASS/");
            }
            return images;
        } catch (IOException e) {
            throw new IllegalArgumentException("--dataset " + dataset + " cannot be read: " + e.getMessage());
        }
    }

    private static long files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + folder + ": " + e.getMessage());
        }
    }

    private static String command(BenchmarkRun run) {
        StringBuilder command = new StringBuilder("./hourglass bench scaling");
        if (run.quick()) {
            command.append(" --quick");
        }
        run.options().forEach((name, value) -> command.append(" --").append(name).append(' ').append(value));
        return command.append(" --out ").append(run.outDir()).toString();
    }
}
