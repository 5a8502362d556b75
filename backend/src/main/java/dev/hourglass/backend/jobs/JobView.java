package dev.hourglass.backend.jobs;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.hourglass.backend.scheduling.GpuAllocationStore.NodeGpus;
import dev.hourglass.protocol.JobStatus;
import dev.hourglass.protocol.WorkerSpec;
import dev.hourglass.recipe.RecipePlan;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it.
 *
 * @param allocation the GPUs it holds (or held, once ended), by node
 * @param waiting    why a queued job is not running yet
 * @param recipe     the plan it was derived with at submission
 * @param allreduce  the allreduce it asked for; {@code auto} where the trainer chooses
 * @param backboneFrom the job whose checkpoint started its backbone, or null
 * @param seed       the seed its workers run with: the one submitted, else the job's id
 */
public record JobView(long id,
                      @Schema(requiredMode = REQUIRED) String name,
                      @Schema(requiredMode = REQUIRED) String team,
                      @Schema(requiredMode = REQUIRED) String model,
                      @Schema(requiredMode = REQUIRED) String dataset,
                      int kn,
                      int perGpuBatch,
                      int gpus,
                      int priority,
                      @Schema(requiredMode = REQUIRED) String allreduce,
                      Long backboneFrom,
                      long seed,
                      @Schema(requiredMode = REQUIRED) JobStatus status,
                      @Schema(requiredMode = REQUIRED) Instant submittedAt,
                      Instant startedAt,
                      Instant endedAt,
                      Waiting waiting,
                      String failureReason,
                      @Schema(requiredMode = REQUIRED) Progress progress,
                      @Schema(requiredMode = REQUIRED) List<NodeGpus> allocation,
                      @Schema(requiredMode = REQUIRED) RecipePlan recipe) {

    public record Waiting(@Schema(requiredMode = REQUIRED) String kind,
                          @Schema(requiredMode = REQUIRED) String detail) {

        /** The kind of wait of a queued job the scheduler has not looked at yet. */
        public static final String NOT_YET_SCHEDULED = "SCHEDULING";
    }

    /**
     * @param epoch       the epoch reached, fractional
     * @param totalEpochs the run's length in epochs (fractional for Mask R-CNN, whose length is in iterations)
     */
    public record Progress(long iteration, long totalIterations, double epoch, double totalEpochs, double fraction) {
    }

    static JobView of(Job job, List<NodeGpus> allocation) {
        Waiting waiting = job.getStatus() != JobStatus.QUEUED ? null : job.getWaitKind() == null
                ? new Waiting(Waiting.NOT_YET_SCHEDULED, "waiting for the scheduler's next pass")
                : new Waiting(job.getWaitKind(), job.getWaitDetail());
        Progress progress = new Progress(job.getIteration(), job.getTotalIterations(),
                (double) job.getIteration() / job.getItersPerEpoch(),
                (double) job.getTotalIterations() / job.getItersPerEpoch(),
                job.getTotalIterations() == 0 ? 0 : (double) job.getIteration() / job.getTotalIterations());
        return new JobView(job.getId(), job.getName(), job.getTeam().getName(), job.getModel(), job.getDataset(),
                job.getKn(), job.getPerGpuBatch(), job.getGpus(), job.getPriority(),
                job.getAllreduce() == null ? WorkerSpec.ALLREDUCE_CHOICES.get(0) : job.getAllreduce(),
                job.getBackboneFrom(), job.getEffectiveSeed(), job.getStatus(),
                job.getSubmittedAt(), job.getStartedAt(), job.getEndedAt(), waiting, job.getFailureReason(), progress,
                allocation, job.getRecipe());
    }
}
