package dev.hourglass.trainer.worker;

import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.collective.Allreduce;
import dev.hourglass.trainer.data.ImageBatchLoader.Batch;
import dev.hourglass.trainer.data.ReplicaBatches;
import dev.hourglass.trainer.replica.BatchResult;
import dev.hourglass.trainer.replica.Replica;
import dev.hourglass.trainer.replica.ReplicaState;
import dev.hourglass.trainer.replica.SgdStep;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Synchronous SGD on one rank (DESIGN.md "trainer worker"): each iteration every replica computes the gradient
 * of its own n images with its loss divided by kn, the gradients are summed over all replicas of all ranks,
 * and every replica applies the same momentum-SGD update at the recipe's rate, so all replicas stay identical
 * and the result is single-worker SGD with minibatch kn. Rank 0 writes the metrics; every rank checkpoints its
 * replicas at the end of each epoch and resumes from the newest checkpoint all ranks have.
 */
public final class SyncSgdTrainer implements AutoCloseable {

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
    private final List<Replica> replicas;
    private final ReplicaThreads threads;
    private final GradientSum gradients;
    private final Allreduce acrossRanks;
    private final ReplicaBatches data;
    private final Placement placement;
    private final long seed;
    private final Checkpoints checkpoints;
    private final MetricsFile metrics;
    private final CollectiveWatchdog watchdog;
    private final Consumer<String> progress;
    private final List<FloatBuffer> gradientBuffers;
    private final FloatBuffer totals;

    /**
     * @param replicas    this rank's replicas, each already created on its own thread of {@code threads}
     * @param acrossRanks a sum over every rank, for the loss, error and checkpoint agreement (a few floats)
     * @param metrics     where rank 0 writes the job's series; null on the other ranks
     * @param progress    a line a person reads now and then (rank 0 prints it)
     */
    SyncSgdTrainer(RecipePlan plan, List<Replica> replicas, ReplicaThreads threads, GradientSum gradients,
                   Allreduce acrossRanks, ReplicaBatches data, Placement placement, long seed, Checkpoints checkpoints,
                   MetricsFile metrics, CollectiveWatchdog watchdog, Consumer<String> progress) {
        if (replicas.size() != threads.size()) {
            throw new IllegalArgumentException(replicas.size() + " replicas but " + threads.size() + " threads");
        }
        this.plan = plan;
        this.replicas = List.copyOf(replicas);
        this.threads = threads;
        this.gradients = gradients;
        this.acrossRanks = acrossRanks;
        this.data = data;
        this.placement = placement;
        this.seed = seed;
        this.checkpoints = checkpoints;
        this.metrics = metrics;
        this.watchdog = watchdog;
        this.progress = progress;
        this.gradientBuffers = replicas.stream().map(Replica::gradient).toList();
        this.totals = ByteBuffer.allocateDirect(Float.BYTES * Math.max(3, placement.ranks()))
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** The iteration to start at: the newest checkpoint every rank has (restored into the replicas), or 0. */
    public long resume() throws IOException {
        long mine = checkpoints.latest();
        // every rank's newest iteration, in its own slot; exact in float up to 2^24 iterations
        for (int r = 0; r < placement.ranks(); r++) {
            totals.put(r, r == placement.rank() ? mine : 0);
        }
        watchdog.guard("the checkpoint agreement", 0, () -> acrossRanks.sum(totals, placement.ranks()));
        long agreed = Long.MAX_VALUE;
        for (int r = 0; r < placement.ranks(); r++) {
            agreed = Math.min(agreed, (long) totals.get(r));
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
        List<Batch> batches = threads.onEach(r -> data.train(epoch, inEpoch, placement.firstReplica() + r));
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
        BatchResult total = sumOverJob(results, t);

        double seconds = (updated - start) / 1e9;
        if (metrics != null) {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("train.loss", total.lossSum() / total.examples());
            values.put("train.top1_error", (double) total.mistakes() / total.examples());
            values.put("lr", step.learningRate());
            values.put("images_per_s", plan.kn() / seconds);
            values.put("iteration_s", seconds);
            values.put("data_s", (loaded - start) / 1e9);
            values.put("compute_s", (computed - loaded) / 1e9);
            values.put("allreduce_s", (reduced - computed) / 1e9);
            values.put("update_s", (updated - reduced) / 1e9);
            metrics.write(t, values);
        }
        if (t % 10 == 0 || inEpoch == plan.itersPerEpoch() - 1) {
            progress.accept(String.format("iteration %d/%d (epoch %d, %d/%d): loss %.4f, top-1 error %.3f, lr %.5g,"
                            + " %.1f images/s", t + 1, plan.totalIterations(), epoch + 1, inEpoch + 1,
                    plan.itersPerEpoch(), total.lossSum() / total.examples(),
                    (double) total.mistakes() / total.examples(), step.learningRate(), plan.kn() / seconds));
        }
        boolean epochEnds = inEpoch == plan.itersPerEpoch() - 1 || t == plan.totalIterations() - 1;
        if (epochEnds) {
            validate(t);
            List<ReplicaState> states = threads.onEach(r -> replicas.get(r).state());
            checkpoints.save(t + 1, seed, states);
        }
    }

    private void validate(long t) {
        List<BatchResult> results = threads.onEach(r -> {
            double loss = 0;
            int mistakes = 0;
            int examples = 0;
            for (Batch batch : data.validation(placement.firstReplica() + r)) {
                BatchResult result = replicas.get(r).evaluate(batch);
                loss += result.lossSum();
                mistakes += result.mistakes();
                examples += result.examples();
            }
            return new BatchResult(loss, mistakes, examples);
        });
        BatchResult total = sumOverJob(results, t);
        if (metrics != null && total.examples() > 0) {
            metrics.write(t, Map.of("val.loss", total.lossSum() / total.examples(),
                    "val.top1_error", (double) total.mistakes() / total.examples()));
        }
        progress.accept(String.format("epoch %d: validation top-1 error %.3f over %d images",
                t / plan.itersPerEpoch() + 1, (double) total.mistakes() / Math.max(1, total.examples()),
                total.examples()));
    }

    /** This rank's replicas' results, summed over every rank. */
    private BatchResult sumOverJob(List<BatchResult> local, long t) {
        double loss = 0;
        int mistakes = 0;
        int examples = 0;
        for (BatchResult result : local) {
            loss += result.lossSum();
            mistakes += result.mistakes();
            examples += result.examples();
        }
        totals.put(0, (float) loss).put(1, mistakes).put(2, examples);
        watchdog.guard(STATISTICS_ALLREDUCE, t, () -> acrossRanks.sum(totals, 3));
        return new BatchResult(totals.get(0), Math.round(totals.get(1)), Math.round(totals.get(2)));
    }

    @Override
    public void close() {
        threads.close();
    }
}
