package dev.hourglass.trainer.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.collective.AllreduceChoice;
import dev.hourglass.collective.HierarchicalAllreduce;
import dev.hourglass.collective.InMemoryTransport;
import dev.hourglass.collective.Transport;
import dev.hourglass.protocol.MetricPoint;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.data.ImageBatchLoader.Batch;
import dev.hourglass.trainer.data.ReplicaBatches;
import dev.hourglass.trainer.data.TrainingData;
import dev.hourglass.trainer.engine.Nd4jCpuRuntime;
import dev.hourglass.trainer.model.ResNetArchitecture;
import dev.hourglass.trainer.replica.Dl4jReplica;
import dev.hourglass.trainer.replica.Replica;
import dev.hourglass.trainer.replica.ReplicaState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A whole job in this JVM for tests: {@code ranks} ranks as threads joined by the in-memory transport, each with
 * {@code replicasPerRank} replicas on their own threads, the real hierarchical allreduce and the real trainer.
 */
public final class LocalJob<B, R extends Replica<B>> {

    static {
        Nd4jCpuRuntime.configure();
    }

    /** A model family's pieces, made afresh on every rank as the worker makes them. */
    public interface Workload<B, R extends Replica<B>> {

        TrainingData<B> data(RecipePlan plan, long seed) throws IOException;

        R replica(TrainingData<B> data, RecipePlan plan, long seed);

        EpochValidation validation(TrainingData<B> data, List<R> replicas, ReplicaThreads threads, int rank,
                                   int firstReplica, JobTotals totals);
    }

    private final RecipePlan plan;
    private final Workload<B, R> workload;
    private final int ranks;
    private final int replicasPerRank;
    private final Path checkpoints;
    private final Path metrics;
    private final long seed;

    /** The final state of every rank's replicas, rank by rank. */
    public record Outcome(List<List<ReplicaState>> replicas, long resumedAt) {
        public ReplicaState first() {
            return replicas.get(0).get(0);
        }
    }

    private LocalJob(RecipePlan plan, Workload<B, R> workload, int ranks, int replicasPerRank, Path workDirectory,
                     long seed) throws IOException {
        if (ranks * replicasPerRank != plan.k()) {
            throw new IllegalArgumentException(ranks + " x " + replicasPerRank + " replicas for k=" + plan.k());
        }
        this.plan = plan;
        this.workload = workload;
        this.ranks = ranks;
        this.replicasPerRank = replicasPerRank;
        this.checkpoints = Files.createDirectories(workDirectory.resolve("checkpoints"));
        this.metrics = workDirectory.resolve("metrics.jsonl");
        this.seed = seed;
    }

    /** A ResNet job on an ImageNet-layout folder of square images of {@code imageSize}. */
    static LocalJob<Batch, Dl4jReplica> resnet(RecipePlan plan,
            ResNetArchitecture architecture, Path dataset, int imageSize, int ranks, int replicasPerRank,
            Path workDirectory, long seed) throws IOException {
        return new LocalJob<>(plan, new Workload<>() {
            @Override
            public TrainingData<Batch> data(RecipePlan p, long s)
                    throws IOException {
                return ReplicaBatches.open(dataset, architecture.transform(imageSize), p.perGpuBatch(), p.k(), s);
            }

            @Override
            public Dl4jReplica replica(TrainingData<Batch> data,
                                       RecipePlan p, long s) {
                return Dl4jReplica.create(architecture, imageSize, ((ReplicaBatches) data).classes(), s, p);
            }

            @Override
            public EpochValidation validation(TrainingData<Batch> data,
                                              List<Dl4jReplica> replicas, ReplicaThreads threads, int rank,
                                              int firstReplica, JobTotals totals) {
                return new ClassificationValidation(replicas, threads, (ReplicaBatches) data, firstReplica, totals);
            }
        }, ranks, replicasPerRank, workDirectory, seed);
    }

    /** A job of any model family's {@code workload}. */
    public static <B, R extends Replica<B>> LocalJob<B, R> of(RecipePlan plan, Workload<B, R> workload, int ranks,
            int replicasPerRank, Path workDirectory, long seed) throws IOException {
        return new LocalJob<>(plan, workload, ranks, replicasPerRank, workDirectory, seed);
    }

    /** The points of series {@code name} that rank 0 wrote, in the order written. */
    public List<MetricPoint> metrics(String name) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<MetricPoint> points = new ArrayList<>();
        for (String line : Files.readAllLines(metrics)) {
            MetricPoint point = json.readValue(line, MetricPoint.class);
            if (point.name().equals(name)) {
                points.add(point);
            }
        }
        return points;
    }

    /** Resumes from the newest checkpoint, if any, and trains up to iteration {@code until}. */
    public Outcome trainUntil(long until) throws Exception {
        List<Transport> transports = InMemoryTransport.group(ranks);
        ExecutorService rankThreads = Executors.newFixedThreadPool(ranks);
        try {
            List<Future<List<ReplicaState>>> finals = new ArrayList<>();
            long[] resumedAt = new long[ranks];
            for (int rank = 0; rank < ranks; rank++) {
                int r = rank;
                finals.add(rankThreads.submit(() -> runRank(r, transports.get(r), until, resumedAt)));
            }
            List<List<ReplicaState>> states = new ArrayList<>();
            for (Future<List<ReplicaState>> rank : finals) {
                states.add(rank.get());
            }
            return new Outcome(states, resumedAt[0]);
        } finally {
            rankThreads.shutdownNow();
        }
    }

    private List<ReplicaState> runRank(int rank, Transport transport, long until, long[] resumedAt) throws Exception {
        TrainingData<B> data = workload.data(plan, seed);
        ReplicaThreads threads = new ReplicaThreads(replicasPerRank, r -> "rank-" + rank + "-replica-" + r);
        List<R> replicas = threads.onEach(r -> {
            Nd4jCpuRuntime.limitThreadsOfCallingThread(1);
            return workload.replica(data, plan, seed);
        });
        int length = replicas.get(0).gradientLength();
        HierarchicalAllreduce gradients = new HierarchicalAllreduce(AllreduceChoice.forName(null, transport, null, length));
        try (MetricsFile metricsFile = rank == 0 ? MetricsFile.open(metrics) : null;
             CollectiveWatchdog watchdog = new CollectiveWatchdog(Duration.ofSeconds(120), rank, reason -> {
                 throw new AssertionError(reason);
             })) {
            JobTotals totals = new JobTotals(AllreduceChoice.forName(null, transport, null, 8), watchdog, rank, ranks);
            int firstReplica = rank * replicasPerRank;
            try (SyncSgdTrainer<B> trainer = new SyncSgdTrainer<>(plan, replicas, threads, gradients::sum, totals,
                    data, workload.validation(data, replicas, threads, rank, firstReplica, totals),
                    new SyncSgdTrainer.Placement(rank, ranks, firstReplica), seed,
                    new Checkpoints(checkpoints, rank), metricsFile, watchdog, line -> { })) {
                long start = trainer.resume();
                resumedAt[rank] = start;
                trainer.train(start, until);
                return threads.onEach(r -> replicas.get(r).state());
            }
        } finally {
            gradients.close();
        }
    }

    /** The largest difference between two parameter (or momentum) vectors of the same model. */
    public static double maxAbsDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("vectors of " + a.length + " and " + b.length + " floats: not the same model");
        }
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
