package dev.hourglass.trainer.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.protocol.MetricPoint;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import dev.hourglass.trainer.collective.AllreduceChoice;
import dev.hourglass.trainer.collective.HierarchicalAllreduce;
import dev.hourglass.trainer.collective.InMemoryTransport;
import dev.hourglass.trainer.collective.Transport;
import dev.hourglass.trainer.data.GeneratedImageSet;
import dev.hourglass.trainer.data.ImageBatchLoader.Batch;
import dev.hourglass.trainer.data.ReplicaBatches;
import dev.hourglass.trainer.engine.Nd4jCpuRuntime;
import dev.hourglass.trainer.model.Networks;
import dev.hourglass.trainer.model.ResNetArchitecture;
import dev.hourglass.trainer.model.ResNetGraph;
import dev.hourglass.trainer.replica.Dl4jReplica;
import dev.hourglass.trainer.replica.Replica;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

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

    public static void main(String[] args) throws Exception {
        Nd4jCpuRuntime.configure();
        Map<String, String> options = options(args);
        String model = options.get("model");
        int imageSize = Integer.parseInt(options.get("image-size"));
        int batch = Integer.parseInt(options.get("batch"));
        int replicas = Integer.parseInt(options.get("replicas"));
        int steps = Integer.parseInt(options.get("steps"));
        int warmUp = Integer.parseInt(options.get("warm-up"));
        ResNetArchitecture architecture = Networks.resnet(model);
        // one epoch longer than the run, so that no validation or checkpoint falls inside the timed steps
        int perClass = Math.max(2, (warmUp + steps + 1) * batch / CLASSES + 1);
        Path work = Files.createTempDirectory("hourglass-step");
        Path dataset = GeneratedImageSet.write(work.resolve("data"), perClass, 1, imageSize, SEED);
        RecipePlan plan = RecipePlanner.plan(new RecipeRequest(model, batch, batch / replicas, 1,
                (long) perClass * CLASSES, null));

        double fit = dl4jFit(architecture, dataset, imageSize, batch, steps, warmUp);
        System.out.printf(Locale.ROOT, "%smodel=%s image=%d batch=%d replicas=1 mode=dl4j-fit data=0 compute=0 reduce=0"
                + " update=0 step=%.6f gradientBytes=0%n", RESULT_PREFIX, model, imageSize, batch, fit);
        Map<String, Double> hourglass = trainer(plan, architecture, dataset, imageSize, replicas, steps, warmUp, work);
        System.out.printf(Locale.ROOT, "%smodel=%s image=%d batch=%d replicas=%d mode=hourglass data=%.6f compute=%.6f"
                        + " reduce=%.6f update=%.6f step=%.6f gradientBytes=%d%n", RESULT_PREFIX, model, imageSize, batch,
                replicas, hourglass.get("data_s"), hourglass.get("compute_s"), hourglass.get("allreduce_s"),
                hourglass.get("update_s"), hourglass.get("compute_s") + hourglass.get("allreduce_s")
                        + hourglass.get("update_s"), hourglass.get("gradientBytes").longValue());
        System.exit(0);
    }

    /** Median seconds of DL4J's {@code fit} on one minibatch of the whole batch, with Nesterov momentum and L2. */
    private static double dl4jFit(ResNetArchitecture architecture, Path dataset, int imageSize, int batch, int steps,
                                  int warmUp) throws IOException {
        ReplicaBatches data = ReplicaBatches.open(dataset, architecture.transform(imageSize), batch, 1, SEED);
        Batch images = data.train(0, 0, 0);
        INDArray features = Nd4j.create(images.features(), new long[] {batch, 3, imageSize, imageSize}, 'c');
        INDArray labels = Nd4j.zeros(batch, CLASSES);
        for (int i = 0; i < batch; i++) {
            labels.putScalar(i, images.labels()[i], 1.0);
        }
        ComputationGraph network = ResNetGraph.buildForDl4jFit(architecture, imageSize, CLASSES, SEED,
                new Nesterovs(0.1, 0.9), 1e-4).network();
        DataSet minibatch = new DataSet(features, labels);
        List<Double> seconds = new ArrayList<>();
        for (int step = 0; step < warmUp + steps; step++) {
            long start = System.nanoTime();
            network.fit(minibatch);
            if (step >= warmUp) {
                seconds.add((System.nanoTime() - start) / 1e9);
            }
        }
        return median(seconds);
    }

    /** The trainer itself on one rank: its per-iteration metrics, medians over the timed steps. */
    private static Map<String, Double> trainer(RecipePlan plan, ResNetArchitecture architecture, Path dataset,
                                               int imageSize, int replicas, int steps, int warmUp, Path work)
            throws Exception {
        ReplicaBatches data = ReplicaBatches.open(dataset, architecture.transform(imageSize), plan.perGpuBatch(),
                replicas, SEED);
        int threadsPerReplica = Math.max(1, Nd4jCpuRuntime.cores() / replicas);
        ReplicaThreads threads = new ReplicaThreads(replicas, r -> "replica-" + r);
        List<Replica> replicaList = threads.onEach(r -> {
            Nd4jCpuRuntime.limitThreadsOfCallingThread(threadsPerReplica);
            return Dl4jReplica.create(architecture, imageSize, data.classes(), SEED, plan);
        });
        int length = replicaList.get(0).gradientLength();
        Transport alone = InMemoryTransport.group(1).get(0);
        Path metricsFile = work.resolve("metrics.jsonl");
        try (HierarchicalAllreduce gradients = new HierarchicalAllreduce(AllreduceChoice.forName(null, alone, null, length));
             MetricsFile metrics = MetricsFile.open(metricsFile);
             CollectiveWatchdog watchdog = new CollectiveWatchdog(Duration.ofMinutes(10), 0, reason -> {
                 throw new IllegalStateException(reason);
             });
             SyncSgdTrainer trainer = new SyncSgdTrainer(plan, replicaList, threads, gradients::sum,
                     AllreduceChoice.forName(null, alone, null, 3), data, new SyncSgdTrainer.Placement(0, 1, 0), SEED,
                     new Checkpoints(work.resolve("checkpoints"), 0), metrics, watchdog, line -> { })) {
            trainer.train(0, warmUp + steps);
        }
        ObjectMapper json = new ObjectMapper();
        List<MetricPoint> points = new ArrayList<>();
        for (String line : Files.readAllLines(metricsFile)) {
            points.add(json.readValue(line, MetricPoint.class));
        }
        Map<String, Double> medians = new java.util.HashMap<>();
        for (String name : List.of("data_s", "compute_s", "allreduce_s", "update_s")) {
            medians.put(name, median(points.stream().filter(p -> p.name().equals(name) && p.iteration() >= warmUp)
                    .map(MetricPoint::value).toList()));
        }
        medians.put("gradientBytes", (double) length * Float.BYTES);
        return medians;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("model", "image-size", "batch", "replicas", "steps", "warm-up")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return options;
    }
}
