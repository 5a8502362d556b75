package dev.hourglass.protocol;

import dev.hourglass.recipe.RecipePlan;
import java.util.List;

/**
 * A job a node takes part in, as its agent needs it to launch or join the job.
 *
 * @param nodes      the job's nodes in rank order; {@code nodes.get(0)} launches {@code mpirun}
 * @param readyNodes nodes whose agents reported ready; the launcher starts once all are
 * @param recipe     the plan the job was derived with
 * @param allreduce  the algorithm the job asked for (one of {@link WorkerSpec#ALLREDUCE_CHOICES}), or null
 * @param backboneFrom the earlier job whose newest checkpoint starts the model's backbone, or null
 * @param seed       the workers' seed ({@link WorkerSpec#seed()})
 */
public record Assignment(long jobId,
                         String name,
                         String team,
                         String model,
                         String dataset,
                         int kn,
                         int perGpuBatch,
                         JobStatus status,
                         List<AssignedNode> nodes,
                         List<String> readyNodes,
                         RecipePlan recipe,
                         String allreduce,
                         Long backboneFrom,
                         long seed) {

    /** One node of a job with the GPU indices it holds there. */
    public record AssignedNode(String name, String address, List<Integer> gpus) {
    }
}
