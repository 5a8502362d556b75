package dev.hourglass.trainer.worker;

import dev.hourglass.collective.Allreduce;
import dev.hourglass.collective.AllreduceChoice;
import dev.hourglass.collective.HierarchicalAllreduce;
import dev.hourglass.collective.MpiTransport;
import dev.hourglass.protocol.Assignment;
import dev.hourglass.protocol.WorkerSpec;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.data.TrainingData;
import dev.hourglass.trainer.replica.Replica;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import mpi.MPI;

/**
 * One rank's part of a job, whatever the model: a replica per device of its node on threads of their own, the
 * hierarchical allreduce over Open MPI between the ranks, and {@link SyncSgdTrainer} from the newest checkpoint to
 * the recipe's last iteration. A model family supplies its data, its replicas and its validation.
 */
public final class RankTraining {

    /** How a model family validates, given this rank's replicas. */
    @FunctionalInterface
    public interface ValidationFactory<R> {
        EpochValidation create(List<R> replicas, ReplicaThreads threads, JobTotals totals);
    }

    private RankTraining() {
    }

    public static <B, R extends Replica<B>> void train(Rank rank, TrainingData<B> data, Supplier<R> newReplica,
            ValidationFactory<R> validationFactory) throws Exception {
        WorkerSpec spec = rank.spec();
        RecipePlan plan = rank.plan();
        if (data.iterationsPerEpoch() < plan.itersPerEpoch()) {
            throw new IllegalArgumentException(spec.dataset() + " has " + data.trainImages() + " training images, "
                    + data.iterationsPerEpoch() + " iterations of kn=" + plan.kn() + " per epoch; the recipe was"
                    + " derived for " + plan.datasetSize() + " images (" + plan.itersPerEpoch() + " iterations):"
                    + " submit the job with datasetSize=" + data.trainImages());
        }
        Assignment.AssignedNode node = rank.node();
        int replicasHere = node.gpus().size();
        if (rank.reports()) {
            rank.out().printf("job %d: %s on %s, kn=%d over %d ranks (%d replicas here on %s), %d iterations; %s%n",
                    spec.jobId(), spec.model(), spec.dataset(), plan.kn(), rank.count(), replicasHere, node.name(),
                    plan.totalIterations(), rank.devices().describe());
        }
        int replicasOnThisHost = replicasHere * ranksSharingHost(spec, node);
        ReplicaThreads threads = new ReplicaThreads(replicasHere, r -> "replica-" + (rank.firstReplica() + r));
        List<R> replicas = threads.onEach(r -> {
            rank.devices().enterReplicaThread(node.gpus().get(r), replicasOnThisHost);
            return newReplica.get();
        });
        MpiTransport transport = MpiTransport.world();
        int length = replicas.get(0).gradientLength();
        Allreduce interNode = AllreduceChoice.forName(spec.allreduce(), transport, MPI.COMM_WORLD, length);
        Allreduce small = AllreduceChoice.forName(null, transport, MPI.COMM_WORLD, 8);
        Duration timeout = Duration.ofSeconds(spec.collectiveTimeoutSeconds());
        try (HierarchicalAllreduce gradients = new HierarchicalAllreduce(interNode);
             MetricsFile metrics = rank.reports()
                ? MetricsFile.open(Path.of(spec.runDirectory()).resolve(WorkerSpec.METRICS_FILE_NAME)) : null;
             CollectiveWatchdog watchdog = new CollectiveWatchdog(timeout, rank.index(), rank.failNow())) {
            JobTotals totals = new JobTotals(small, watchdog, rank.index(), rank.count());
            try (SyncSgdTrainer<B> trainer = new SyncSgdTrainer<>(plan, replicas, threads, gradients::sum, totals,
                    data, validationFactory.create(replicas, threads, totals),
                    new SyncSgdTrainer.Placement(rank.index(), rank.count(), rank.firstReplica()), spec.seed(),
                    new Checkpoints(Path.of(spec.checkpointDirectory()), rank.index()), metrics, watchdog,
                    rank.reports() ? rank.out()::println : line -> { })) {
                if (rank.reports()) {
                    rank.out().println("allreduce: " + interNode.name() + " across " + rank.count() + " rank(s), "
                            + length + " floats, hierarchical over " + replicasHere + " replica(s) per node");
                }
                long start = trainer.resume();
                trainer.train(start, plan.totalIterations());
                if (rank.reports()) {
                    rank.out().println("job " + spec.jobId() + ": done after " + plan.totalIterations() + " iterations");
                }
            }
        }
    }

    /** Ranks of this job on this rank's host (with a local remote shell every node is this machine), itself included. */
    private static int ranksSharingHost(WorkerSpec spec, Assignment.AssignedNode self) {
        return (int) spec.nodes().stream().filter(node -> node.address().equals(self.address())).count();
    }
}
