package dev.hourglass.trainer.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.protocol.MetricPoint;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.collective.AllreduceChoice;
import dev.hourglass.trainer.collective.HierarchicalAllreduce;
import dev.hourglass.trainer.collective.InMemoryTransport;
import dev.hourglass.trainer.collective.Transport;
import dev.hourglass.trainer.data.ReplicaBatches;
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
final class LocalJob {

    static {
        Nd4jCpuRuntime.configure();
    }

    private final RecipePlan plan;
    private final ResNetArchitecture architecture;
    private final Path dataset;
    private final int imageSize;
    private final int ranks;
    private final int replicasPerRank;
    private final Path checkpoints;
    private final Path metrics;
    private final long seed;

    /** The final state of every rank's replicas, rank by rank. */
    record Outcome(List<List<ReplicaState>> replicas, long resumedAt) {
        ReplicaState first() {
            return replicas.get(0).get(0);
        }
    }

    LocalJob(RecipePlan plan, ResNetArchitecture architecture, Path dataset, int imageSize, int ranks,
             int replicasPerRank, Path workDirectory, long seed) throws IOException {
        if (ranks * replicasPerRank != plan.k()) {
            throw new IllegalArgumentException(ranks + " x " + replicasPerRank + " replicas for k=" + plan.k());
        }
        this.plan = plan;
        this.architecture = architecture;
        this.dataset = dataset;
        this.imageSize = imageSize;
        this.ranks = ranks;
        this.replicasPerRank = replicasPerRank;
        this.checkpoints = Files.createDirectories(workDirectory.resolve("checkpoints"));
        this.metrics = workDirectory.resolve("metrics.jsonl");
        this.seed = seed;
    }

    /** The points of series {@code name} that rank 0 wrote, in the order written. */
    List<MetricPoint> metrics(String name) throws IOException {
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
    Outcome trainUntil(long until) throws Exception {
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
        ReplicaBatches data = ReplicaBatches.open(dataset, architecture.transform(imageSize), plan.perGpuBatch(), plan.k(), seed);
        ReplicaThreads threads = new ReplicaThreads(replicasPerRank, r -> "rank-" + rank + "-replica-" + r);
        List<Replica> replicas = threads.onEach(r -> {
            Nd4jCpuRuntime.limitThreadsOfCallingThread(1);
            return Dl4jReplica.create(architecture, imageSize, data.classes(), seed, plan);
        });
        int length = replicas.get(0).gradientLength();
        HierarchicalAllreduce gradients = new HierarchicalAllreduce(AllreduceChoice.forName(null, transport, null, length));
        try (MetricsFile metricsFile = rank == 0 ? MetricsFile.open(metrics) : null;
             CollectiveWatchdog watchdog = new CollectiveWatchdog(Duration.ofSeconds(60), rank, reason -> {
                 throw new AssertionError(reason);
             });
             SyncSgdTrainer trainer = new SyncSgdTrainer(plan, replicas, threads, gradients::sum,
                     AllreduceChoice.forName(null, transport, null, 3), data,
                     new SyncSgdTrainer.Placement(rank, ranks, rank * replicasPerRank), seed,
                     new Checkpoints(checkpoints, rank), metricsFile, watchdog, line -> { })) {
            long start = trainer.resume();
            resumedAt[rank] = start;
            trainer.train(start, until);
            return threads.onEach(r -> replicas.get(r).state());
        } finally {
            gradients.close();
        }
    }
}
