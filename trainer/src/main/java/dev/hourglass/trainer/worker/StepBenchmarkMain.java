package dev.hourglass.trainer.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.collective.AllreduceChoice;
import dev.hourglass.collective.HierarchicalAllreduce;
import dev.hourglass.collective.InMemoryTransport;
import dev.hourglass.collective.Transport;
import dev.hourglass.protocol.MetricNames;
import dev.hourglass.protocol.MetricPoint;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import dev.hourglass.trainer.data.GeneratedImageSet;
import dev.hourglass.trainer.data.ImageBatchLoader.Batch;
import dev.hourglass.trainer.data.ReplicaBatches;
import dev.hourglass.trainer.engine.Nd4jCpuRuntime;
import dev.hourglass.trainer.model.Networks;
import dev.hourglass.trainer.model.ResNetArchitecture;
import dev.hourglass.trainer.model.ResNetGraph;
import dev.hourglass.trainer.replica.Dl4jReplica;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The timing side of {@code ./hourglass bench step}: one rank's training step on this machine, split into data,
 * compute, reduce and update exactly as {@link SyncSgdTrainer} measures them (its own metrics, from its own
 * metrics file), against DL4J's own {@code fit} of the same network at the same total batch on one device.
 * Prints one {@value #RESULT_PREFIX} line per mode.
 *
 * <p>{@code --model resnet8 --image-size 32 --batch 32 --replicas 1 --steps 20 --warm-up 5}
 */
public final class StepBenchmarkMain {

    static final String RESULT_PREFIX = "hourglass-step ";
    private static final int CLASSES = GeneratedImageSet.CLASSES.size();
    private static final long SEED = 1;

    private StepBenchmarkMain() {
    }

    /**
     * What to time: the model, its images, the minibatch over how many replicas, and how many steps. Every option is
     * required; picocli refuses a missing, unknown or malformed one with its usage text.
     */
    @Command(name = "step-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Times one rank's training step, phase by phase, against DL4J's own fit.")
    static final class Options implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "the ResNet, e.g. resnet8")
        String model;
        @Option(names = "--image-size", required = true, paramLabel = "PIXELS", description = "image side in pixels")
        int imageSize;
        @Option(names = "--batch", required = true, paramLabel = "N", description = "the minibatch, over all replicas")
        int batch;
        @Option(names = "--replicas", required = true, paramLabel = "N", description = "replicas on this rank")
        int replicas;
        @Option(names = "--steps", required = true, paramLabel = "N", description = "timed steps")
        int steps;
        @Option(names = "--warm-up", required = true, paramLabel = "N", description = "steps before the timed ones")
        int warmUp;

        @Override
        public Integer call() throws Exception {
            run(this);
            return 0;
        }
    }

    /** Exits 0 after a run, 2 with picocli's usage text for wrong options, 1 if the run failed. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Options()).execute(args));
    }

    private static void run(Options options) throws Exception {
        Nd4jCpuRuntime.configure();
        String model = options.model;
        int imageSize = options.imageSize;
        int batch = options.batch;
        int replicas = options.replicas;
        int steps = options.steps;
        int warmUp = options.warmUp;
        ResNetArchitecture architecture = Networks.resnet(model);
        // one epoch longer than the run, so that no validation or checkpoint falls inside the timed steps
        int perClass = Math.max(2, (warmUp + steps + 1) * batch / CLASSES + 1);
        Path work = Files.createTempDirectory("hourglass-step");
        Path dataset = GeneratedImageSet.write(work.resolve("data"), perClass, 1, imageSize, SEED);
        RecipePlan plan = RecipePlanner.plan(new RecipeRequest(model, batch, batch / replicas, 1,
                (long) perClass * CLASSES, null));

        // Turn by turn, one fit and one trainer step: a burst of load on the shared cores falls on both alike.
        DataSet minibatch = loadedMinibatch(architecture, dataset, imageSize, batch);
        ComputationGraph reference = ResNetGraph.buildForDl4jFit(architecture, imageSize, CLASSES, SEED,
                new Nesterovs(0.1, 0.9), 1e-4).network();
        List<Double> fit = new ArrayList<>();
        Path metricsFile = work.resolve("metrics.jsonl");
        int length;
        try (Trainer trainer = Trainer.open(plan, architecture, dataset, imageSize, replicas, work, metricsFile)) {
            length = trainer.gradientLength();
            for (int step = 0; step < warmUp + steps; step++) {
                long begin = System.nanoTime();
                reference.fit(minibatch);
                if (step >= warmUp) {
                    fit.add((System.nanoTime() - begin) / 1e9);
                }
                trainer.sgd().train(step, step + 1);
            }
        }
        System.out.printf(Locale.ROOT, "%smodel=%s image=%d batch=%d replicas=1 mode=dl4j-fit data=0 compute=0 reduce=0"
                + " update=0 step=%.6f iteration=%.6f gradientBytes=0%n", RESULT_PREFIX, model, imageSize, batch, median(fit),
                median(fit));
        Map<String, Double> phases = medians(metricsFile, warmUp);
        System.out.printf(Locale.ROOT, "%smodel=%s image=%d batch=%d replicas=%d mode=hourglass data=%.6f compute=%.6f"
                        + " reduce=%.6f update=%.6f step=%.6f iteration=%.6f gradientBytes=%d%n", RESULT_PREFIX, model,
                imageSize, batch, replicas, phases.get(MetricNames.DATA_SECONDS),
                phases.get(MetricNames.COMPUTE_SECONDS), phases.get(MetricNames.ALLREDUCE_SECONDS),
                phases.get(MetricNames.UPDATE_SECONDS), phases.get(MetricNames.COMPUTE_SECONDS)
                        + phases.get(MetricNames.ALLREDUCE_SECONDS) + phases.get(MetricNames.UPDATE_SECONDS),
                phases.get(MetricNames.ITERATION_SECONDS), (long) length * Float.BYTES);
        System.out.flush();
    }

    /** One minibatch of the whole batch, loaded once: DL4J's fit is timed on training alone. */
    private static DataSet loadedMinibatch(ResNetArchitecture architecture, Path dataset, int imageSize, int batch)
            throws IOException {
        Batch images = ReplicaBatches.open(dataset, architecture.transform(imageSize), batch, 1, SEED).train(0, 0, 0);
        INDArray features = Nd4j.create(images.features(), new long[] {batch, 3, imageSize, imageSize}, 'c');
        INDArray labels = Nd4j.zeros(batch, CLASSES);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, images.labels()[i], 1.0);
        }
        return new DataSet(features, labels);
    }

    /** The trainer itself on one rank, with everything it holds open. */
    private record Trainer(SyncSgdTrainer<Batch> sgd, HierarchicalAllreduce gradients, MetricsFile metrics,
                           CollectiveWatchdog watchdog, int gradientLength) implements AutoCloseable {

        static Trainer open(RecipePlan plan, ResNetArchitecture architecture, Path dataset, int imageSize, int replicas,
                            Path work, Path metricsFile) throws IOException {
            ReplicaBatches data = ReplicaBatches.open(dataset, architecture.transform(imageSize), plan.perGpuBatch(),
                    replicas, SEED);
            int threadsPerReplica = Math.max(1, Nd4jCpuRuntime.cores() / replicas);
            ReplicaThreads threads = new ReplicaThreads(replicas, r -> "replica-" + r);
            List<Dl4jReplica> replicaList = threads.onEach(r -> {
                Nd4jCpuRuntime.limitThreadsOfCallingThread(threadsPerReplica);
                return Dl4jReplica.create(architecture, imageSize, data.classes(), SEED, plan);
            });
            int length = replicaList.get(0).gradientLength();
            Transport alone = InMemoryTransport.group(1).get(0);
            HierarchicalAllreduce gradients = new HierarchicalAllreduce(AllreduceChoice.forName(null, alone, null, length));
            MetricsFile metrics = MetricsFile.open(metricsFile);
            CollectiveWatchdog watchdog = new CollectiveWatchdog(Duration.ofMinutes(10), 0, reason -> {
                throw new IllegalStateException(reason);
            });
            JobTotals totals = new JobTotals(AllreduceChoice.forName(null, alone, null, 8), watchdog, 0, 1);
            SyncSgdTrainer<Batch> sgd = new SyncSgdTrainer<>(plan, replicaList, threads, gradients::sum, totals, data,
                    new ClassificationValidation(replicaList, threads, data, 0, totals),
                    new SyncSgdTrainer.Placement(0, 1, 0), SEED, new Checkpoints(work.resolve("checkpoints"), 0),
                    metrics, watchdog, line -> { });
            return new Trainer(sgd, gradients, metrics, watchdog, length);
        }

        @Override
        public void close() throws IOException {
            sgd.close();
            watchdog.close();
            metrics.close();
            gradients.close();
        }
    }

    /** The medians of the trainer's own per-phase metrics over the timed steps. */
    private static Map<String, Double> medians(Path metricsFile, int warmUp) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<MetricPoint> points = new ArrayList<>();
        for (String line : Files.readAllLines(metricsFile)) {
            points.add(json.readValue(line, MetricPoint.class));
        }
        Map<String, Double> medians = new java.util.HashMap<>();
        for (String name : List.of(MetricNames.DATA_SECONDS, MetricNames.COMPUTE_SECONDS, MetricNames.ALLREDUCE_SECONDS,
                MetricNames.UPDATE_SECONDS, MetricNames.ITERATION_SECONDS)) {
            medians.put(name, median(points.stream().filter(p -> p.name().equals(name) && p.iteration() >= warmUp)
                    .map(MetricPoint::value).toList()));
        }
        return medians;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

}
