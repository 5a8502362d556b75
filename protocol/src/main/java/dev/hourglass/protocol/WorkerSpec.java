package dev.hourglass.protocol;

import dev.hourglass.recipe.RecipePlan;
import java.util.List;

/**
 * What a trainer worker (one MPI rank per node) needs to run its part of a job; the launching agent writes it
 * as JSON to {@code runDirectory/worker-spec.json} and passes the path to every rank. Rank r runs on
 * {@code nodes.get(r)} with one replica per GPU index listed there. Rank 0 appends the job's metrics to
 * {@code runDirectory/metrics.jsonl}, one {@link MetricPoint} per line, which the agent forwards.
 *
 * @param recipe               the plan the job was derived with
 * @param checkpointDirectory  where checkpoints are written every epoch and resumed from
 * @param seed                 the seed of the initial weights, the global data shuffle and augmentation
 * @param allreduce            an algorithm name to force, or null to choose by size and rank count
 * @param collectiveTimeoutSeconds a collective that does not complete in this time fails the job
 * @param deviceKind           what the nodes' device indices name: GPUs (one replica per GPU, on CUDA) or CPU
 *                             replica threads
 * @param backboneCheckpoint   the checkpoint file (an earlier job's) that starts the model's backbone, or null
 */
public record WorkerSpec(long jobId,
                         String model,
                         String dataset,
                         RecipePlan recipe,
                         List<Assignment.AssignedNode> nodes,
                         String runDirectory,
                         String checkpointDirectory,
                         long seed,
                         String allreduce,
                         int collectiveTimeoutSeconds,
                         DeviceKind deviceKind,
                         String backboneCheckpoint) {

    public static final String FILE_NAME = "worker-spec.json";
    /**
     * What a job may ask for as its allreduce: {@code auto} (the trainer chooses by buffer size and rank count,
     * as with no choice at all) or one algorithm by name.
     */
    public static final List<String> ALLREDUCE_CHOICES = List.of("auto", "halving-doubling", "binary-blocks", "ring",
            "mpi-native");
    public static final String METRICS_FILE_NAME = "metrics.jsonl";
    /**
     * Set (to {@value #LIFELINE_STDIN}) in the ranks' environment by a launcher that keeps mpirun's standard input
     * open for as long as it lives: rank 0, whose input mpirun forwards, stops the job when it reads its end.
     */
    public static final String LIFELINE_VARIABLE = "HOURGLASS_LIFELINE";
    public static final String LIFELINE_STDIN = "stdin";
}
