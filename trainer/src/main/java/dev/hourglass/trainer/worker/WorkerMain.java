package dev.hourglass.trainer.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.protocol.Assignment;
import dev.hourglass.protocol.WorkerSpec;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.collective.Allreduce;
import dev.hourglass.collective.AllreduceChoice;
import dev.hourglass.collective.HierarchicalAllreduce;
import dev.hourglass.collective.MpiTransport;
import dev.hourglass.trainer.data.ReplicaBatches;
import dev.hourglass.trainer.data.TrainingData;
import dev.hourglass.trainer.detection.data.DetectionBatches;
import dev.hourglass.trainer.detection.model.MaskRcnnConfig;
import dev.hourglass.trainer.engine.ComputeDevices;
import dev.hourglass.trainer.model.Networks;
import dev.hourglass.trainer.model.ResNetArchitecture;
import dev.hourglass.trainer.replica.Dl4jReplica;
import dev.hourglass.trainer.replica.MaskRcnnReplica;
import dev.hourglass.trainer.replica.Replica;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import mpi.MPI;

/**
 * The trainer worker: one MPI rank per node, started by the launching agent's {@code mpirun} with the path of
 * the job's {@link WorkerSpec}. It builds one replica per device of its node (CPU threads, or one per GPU on the
 * CUDA backend of the {@code -Pcuda} build) of the job's model (a ResNet on an ImageNet-layout folder, a Mask R-CNN
 * on a COCO-format one), trains the recipe's iterations
 * with {@link SyncSgdTrainer}, and exits 0 once done. Any failure ends with a {@code FAILURE:} line naming the
 * rank, which the agent reports as the job's failure reason, and an MPI abort that stops the other ranks.
 */
public final class WorkerMain {

    static final String FAILURE = "FAILURE: ";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private WorkerMain() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int rank = -1;
        LauncherLifeline.Watch lifeline = () -> { };
        try {
            MPI.Init(args);
            rank = MPI.COMM_WORLD.getRank();
            lifeline = LauncherLifeline.watch(System.getenv(), rank, System.in, out,
                    () -> Runtime.getRuntime().halt(LauncherLifeline.LAUNCHER_GONE));
            int ranks = MPI.COMM_WORLD.getSize();
            WorkerSpec spec = JSON.readValue(Path.of(args[args.length - 1]).toFile(), WorkerSpec.class);
            ComputeDevices devices = ComputeDevices.configure(spec.deviceKind()); // before any ND4J class loads
            run(spec, devices, rank, ranks, out);
            lifeline.release();
            MPI.Finalize();
            System.exit(0);
        } catch (Throwable failure) {
            lifeline.release();
            out.println(FAILURE + (rank >= 0 ? "rank " + rank + ": " : "") + describe(failure));
            failure.printStackTrace(out);
            out.flush();
            abort();
        }
    }

    static void run(WorkerSpec spec, ComputeDevices devices, int rank, int ranks, PrintStream out) throws Exception {
        RecipePlan plan = JSON.readValue(spec.recipe(), RecipePlan.class);
        if (spec.nodes().size() != ranks) {
            throw new IllegalStateException("the job has " + spec.nodes().size() + " nodes but mpirun started "
                    + ranks + " ranks; it must start one rank per node");
        }
        List<Integer> devicesPerRank = spec.nodes().stream().map(node -> node.gpus().size()).toList();
        int k = devicesPerRank.stream().mapToInt(Integer::intValue).sum();
        if (k != plan.k()) {
            throw new IllegalStateException("the job holds " + k + " devices but its recipe needs k=" + plan.k());
        }
        int firstReplica = devicesPerRank.subList(0, rank).stream().mapToInt(Integer::intValue).sum();
        switch (plan.family()) {
            case RESNET -> {
                ResNetArchitecture architecture = Networks.resnet(spec.model());
                ReplicaBatches data = ReplicaBatches.open(Path.of(spec.dataset()),
                        architecture.transform(architecture.inputSize()), plan.perGpuBatch(), k, spec.seed());
                train(spec, plan, devices, rank, ranks, firstReplica, out, data,
                        () -> Dl4jReplica.create(architecture, architecture.inputSize(), data.classes(), spec.seed(),
                                plan),
                        (replicas, threads, totals) -> new ClassificationValidation(replicas, threads, data,
                                firstReplica, totals));
            }
            case MASK_RCNN -> {
                DetectionBatches data = DetectionBatches.open(Path.of(spec.dataset()), plan.perGpuBatch(), k,
                        spec.seed());
                MaskRcnnConfig config = MaskRcnnConfig.named(spec.model(), data.classes());
                if (spec.backboneCheckpoint() != null) {
                    out.println("backbone: from " + spec.backboneCheckpoint());
                }
                train(spec, plan, devices, rank, ranks, firstReplica, out, data,
                        () -> maskRcnnReplica(spec, config, plan),
                        (replicas, threads, totals) -> new DetectionValidation(replicas, threads, data.validation(),
                                rank));
            }
        }
    }

    /** A fresh replica, or one whose backbone starts from the checkpoint the job names. */
    private static MaskRcnnReplica maskRcnnReplica(WorkerSpec spec, MaskRcnnConfig config, RecipePlan plan) {
        if (spec.backboneCheckpoint() == null) {
            return MaskRcnnReplica.create(config, spec.seed(), plan);
        }
        try {
            return MaskRcnnReplica.create(config, spec.seed(), plan, Path.of(spec.backboneCheckpoint()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the backbone from " + spec.backboneCheckpoint() + ": "
                    + e.getMessage(), e);
        }
    }

    /** How a model family validates, given this rank's replicas. */
    @FunctionalInterface
    private interface ValidationFactory<R> {
        EpochValidation create(List<R> replicas, ReplicaThreads threads, JobTotals totals);
    }

    private static <B, R extends Replica<B>> void train(WorkerSpec spec, RecipePlan plan, ComputeDevices devices,
            int rank, int ranks, int firstReplica, PrintStream out, TrainingData<B> data, Supplier<R> newReplica,
            ValidationFactory<R> validationFactory) throws Exception {
        if (data.iterationsPerEpoch() < plan.itersPerEpoch()) {
            throw new IllegalArgumentException(spec.dataset() + " has " + data.trainImages() + " training images, "
                    + data.iterationsPerEpoch() + " iterations of kn=" + plan.kn() + " per epoch; the recipe was"
                    + " derived for " + plan.datasetSize() + " images (" + plan.itersPerEpoch() + " iterations):"
                    + " submit the job with datasetSize=" + data.trainImages());
        }
        boolean reporter = rank == 0;
        Assignment.AssignedNode node = spec.nodes().get(rank);
        int replicasHere = node.gpus().size();
        if (reporter) {
            out.printf("job %d: %s on %s, kn=%d over %d ranks (%d replicas here on %s), %d iterations; %s%n",
                    spec.jobId(), spec.model(), spec.dataset(), plan.kn(), ranks, replicasHere, node.name(),
                    plan.totalIterations(), devices.describe());
        }
        int replicasOnThisHost = replicasHere * ranksSharingHost(spec, node);
        ReplicaThreads threads = new ReplicaThreads(replicasHere, r -> "replica-" + (firstReplica + r));
        List<R> replicas = threads.onEach(r -> {
            devices.enterReplicaThread(node.gpus().get(r), replicasOnThisHost);
            return newReplica.get();
        });
        MpiTransport transport = MpiTransport.world();
        int length = replicas.get(0).gradientLength();
        Allreduce interNode = AllreduceChoice.forName(spec.allreduce(), transport, MPI.COMM_WORLD, length);
        Allreduce small = AllreduceChoice.forName(null, transport, MPI.COMM_WORLD, 8);
        Duration timeout = Duration.ofSeconds(spec.collectiveTimeoutSeconds());
        try (HierarchicalAllreduce gradients = new HierarchicalAllreduce(interNode);
             MetricsFile metrics = reporter
                ? MetricsFile.open(Path.of(spec.runDirectory()).resolve(WorkerSpec.METRICS_FILE_NAME)) : null;
             CollectiveWatchdog watchdog = new CollectiveWatchdog(timeout, rank, WorkerMain::failNow)) {
            JobTotals totals = new JobTotals(small, watchdog, rank, ranks);
            try (SyncSgdTrainer<B> trainer = new SyncSgdTrainer<>(plan, replicas, threads, gradients::sum, totals,
                    data, validationFactory.create(replicas, threads, totals),
                    new SyncSgdTrainer.Placement(rank, ranks, firstReplica), spec.seed(),
                    new Checkpoints(Path.of(spec.checkpointDirectory()), rank), metrics, watchdog,
                    reporter ? out::println : line -> { })) {
                if (reporter) {
                    out.println("allreduce: " + interNode.name() + " across " + ranks + " rank(s), " + length
                            + " floats, hierarchical over " + replicasHere + " replica(s) per node");
                }
                long start = trainer.resume();
                trainer.train(start, plan.totalIterations());
                if (reporter) {
                    out.println("job " + spec.jobId() + ": done after " + plan.totalIterations() + " iterations");
                }
            }
        }
    }

    /** Ranks of this job on this rank's host (with a local remote shell every node is this machine), itself included. */
    private static int ranksSharingHost(WorkerSpec spec, Assignment.AssignedNode self) {
        return (int) spec.nodes().stream().filter(node -> node.address().equals(self.address())).count();
    }

    private static void failNow(String reason) {
        System.out.println(FAILURE + reason);
        System.out.flush();
        Runtime.getRuntime().halt(3);
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.toString();
    }

    private static void abort() {
        try {
            MPI.COMM_WORLD.abort(2);
        } catch (Throwable notInitialised) {
            // MPI never started: exiting is enough
        }
        Runtime.getRuntime().halt(2);
    }
}
