package dev.hourglass.trainer.worker;

import dev.hourglass.protocol.MetricNames;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.data.TrainingData;
import dev.hourglass.trainer.replica.BatchResult;
import dev.hourglass.trainer.replica.Replica;
import dev.hourglass.trainer.replica.ReplicaState;
import dev.hourglass.trainer.replica.SgdStep;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Synchronous SGD on one rank (docs/architecture.md, "Synchronous SGD on one rank"): each iteration every replica
 * computes the gradient of its own n images with its loss divided by kn, the gradients are summed over all replicas of
 * all ranks, and every replica applies the same momentum-SGD update at the recipe's rate, so all replicas stay
 * identical and the result is single-worker SGD with minibatch kn. Rank 0 writes the metrics; every rank checkpoints
 * its replicas at the end of each epoch and resumes from the newest checkpoint all ranks have. The loop is the same for
 * every model family: what differs (the replicas, their minibatches, the validation) comes in.
 *
 * @param <B> what one replica trains on in one iteration
 */
public final class SyncSgdTrainer<B> implements AutoCloseable {

    /** Sums the replicas' gradient buffers over every replica of every rank, in place (HierarchicalAllreduce). */
    @FunctionalInterface
    public interface GradientSum {
        void sum(List<FloatBuffer> replicaBuffers, int count);
    }

    /**
     * Where this rank's replicas sit in the job.
     *
     * @param firstReplica the job-wide index of this rank's replica 0 (replicas are numbered rank by rank)
     */
    public record Placement(int rank, int ranks, int firstReplica) {
    }

    private static final String GRADIENT_ALLREDUCE = "the gradient allreduce";
    private static final String STATISTICS_ALLREDUCE = "the loss and error allreduce";

    private final RecipePlan plan;
    private final List<? extends Replica<B>> replicas;
    private final ReplicaThreads threads;
    private final GradientSum gradients;
    private final JobTotals totals;
    private final DivergenceGuard divergence = new DivergenceGuard();
    private final TrainingData<B> data;
    private final EpochValidation validation;
    private final Placement placement;
    private final long seed;
    private final Checkpoints checkpoints;
    private final MetricsFile metrics;
    private final CollectiveWatchdog watchdog;
    private final Consumer<String> progress;
    private final List<FloatBuffer> gradientBuffers;

    /**
     * @param replicas   this rank's replicas, each already created on its own thread of {@code threads}
     * @param totals     sums over every rank, for the loss, error and checkpoint agreement (a few floats)
     * @param validation run by every rank at the end of each epoch
     * @param metrics    where rank 0 writes the job's series; null on the other ranks
     * @param progress   a line a person reads now and then (rank 0 prints it)
     */
    SyncSgdTrainer(RecipePlan plan, List<? extends Replica<B>> replicas, ReplicaThreads threads, GradientSum gradients,
                   JobTotals totals, TrainingData<B> data, EpochValidation validation, Placement placement, long seed,
                   Checkpoints checkpoints, MetricsFile metrics, CollectiveWatchdog watchdog,
                   Consumer<String> progress) {
        if (replicas.size() != threads.size()) {
            throw new IllegalArgumentException(replicas.size() + " replicas but " + threads.size() + " threads");
        }
        this.plan = plan;
        this.replicas = List.copyOf(replicas);
        this.threads = threads;
        this.gradients = gradients;
        this.totals = totals;
        this.data = data;
        this.validation = validation;
        this.placement = placement;
        this.seed = seed;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.watchdog = watchdog;
        this.progress = progress;
        this.gradientBuffers = replicas.stream().map(Replica::gradient).toList();
    }

    /** The iteration to start at: the newest checkpoint every rank has (restored into the replicas), or 0. */
    public long resume() throws IOException {
        long agreed = Long.MAX_VALUE;
        for (long newest : totals.gather(checkpoints.latest(), "the checkpoint agreement")) {
            agreed = Math.min(agreed, newest);
        }
        if (agreed == 0) {
            return 0;
        }
        Checkpoints.Restored restored = checkpoints.load(agreed, seed, replicas.size());
        threads.onEach(r -> {
            replicas.get(r).restore(restored.replicas().get(r));
            return null;
        });
        progress.accept("resumed from the checkpoint of iteration " + agreed);
        return agreed;
    }

    /** Trains iterations {@code [from, to)}. */
    public void train(long from, long to) throws IOException {
        for (long t = from; t < to; t++) {
            iteration(t);
        }
    }

    private void iteration(long t) throws IOException {
        int epoch = (int) (t / plan.itersPerEpoch());
        int inEpoch = (int) (t % plan.itersPerEpoch());
        double lossScale = 1.0 / plan.kn();
        long start = System.nanoTime();
        List<B> batches = threads.onEach(r -> data.train(epoch, inEpoch, placement.firstReplica() + r));
        long loaded = System.nanoTime();
        List<BatchResult> results = threads.onEach(r -> replicas.get(r).computeGradient(batches.get(r), lossScale));
        long computed = System.nanoTime();
        watchdog.guard(GRADIENT_ALLREDUCE, t, () -> gradients.sum(gradientBuffers, replicas.get(0).gradientLength()));
        long reduced = System.nanoTime();
        SgdStep step = new SgdStep(plan.learningRateAt(t), plan.momentum(), plan.momentumCorrectionAt(t), plan.nesterov());
        threads.onEach(r -> {
            replicas.get(r).applyUpdate(step);
            return null;
        });
        long updated = System.nanoTime();
        Map<String, Double> means = totals.sum(results, STATISTICS_ALLREDUCE, t).means();
        divergence.check(t + 1, means.getOrDefault(MetricNames.LOSS, 0.0), step.learningRate());

        double seconds = (updated - start) / 1e9;
        if (metrics != null) {
            Map<String, Double> values = new LinkedHashMap<>();
            means.forEach((name, mean) -> values.put(MetricNames.training(name), mean));
            values.put(MetricNames.LEARNING_RATE, step.learningRate());
            values.put(MetricNames.IMAGES_PER_SECOND, plan.kn() / seconds);
            values.put(MetricNames.ITERATION_SECONDS, seconds);
            values.put(MetricNames.DATA_SECONDS, (loaded - start) / 1e9);
            values.put(MetricNames.COMPUTE_SECONDS, (computed - loaded) / 1e9);
            values.put(MetricNames.ALLREDUCE_SECONDS, (reduced - computed) / 1e9);
            values.put(MetricNames.UPDATE_SECONDS, (updated - reduced) / 1e9);
            metrics.write(t, values);
        }
        if (t % 10 == 0 || inEpoch == plan.itersPerEpoch() - 1) {
            StringBuilder line = new StringBuilder(String.format("iteration %d/%d (epoch %d, %d/%d):", t + 1,
                    plan.totalIterations(), epoch + 1, inEpoch + 1, plan.itersPerEpoch()));
            means.forEach((name, mean) -> line.append(String.format(" %s %.4f,", name.replace('_', ' '), mean)));
            progress.accept(line.append(String.format(" lr %.5g, %.1f images/s", step.learningRate(),
                    plan.kn() / seconds)).toString());
        }
        boolean epochEnds = inEpoch == plan.itersPerEpoch() - 1 || t == plan.totalIterations() - 1;
        if (epochEnds) {
            EpochValidation.Result validated = validation.validate(t);
            if (metrics != null && !validated.metrics().isEmpty()) {
                metrics.write(t, validated.metrics());
            }
            progress.accept("epoch " + (t / plan.itersPerEpoch() + 1) + ": " + validated.summary());
            List<ReplicaState> states = threads.onEach(r -> replicas.get(r).state());
            checkpoints.save(t + 1, seed, states);
        }
    }

    @Override
    public void close() {
        threads.close();
    }
}
