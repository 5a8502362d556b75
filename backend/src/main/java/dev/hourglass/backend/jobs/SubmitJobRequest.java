package dev.hourglass.backend.jobs;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.hourglass.recipe.RecipeOverrides;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * {@code POST /api/v1/jobs}. Only name, model, dataset and kn are required; team defaults to the caller's.
 *
 * @param dataset     {@code generated}, {@code generated-16k}, {@code generated-coco}, or an absolute path on the
 *                    nodes
 * @param datasetSize training images, where the dataset is a path (the generated sets know their size)
 * @param priority    higher runs first; -1000..1000, default 0
 * @param allreduce   the allreduce between nodes: {@code auto} (default: chosen by size and rank count) or one of
 *                    {@code halving-doubling}, {@code binary-blocks}, {@code ring}, {@code mpi-native}
 * @param backboneFrom the id of an earlier, succeeded job of the model's backbone ({@code resnet50} for
 *                    {@code mask-rcnn-r50-fpn}) whose newest checkpoint starts the backbone; null starts from scratch
 * @param seed        the seed of the initial weights, the data shuffle and augmentation, at least 0; null takes the
 *                    job's id, so that jobs share a seed only by choice
 */
public record SubmitJobRequest(@Schema(requiredMode = REQUIRED, maxLength = JobService.MAX_NAME_LENGTH) String name,
                               String team,
                               @Schema(requiredMode = REQUIRED) String model,
                               @Schema(requiredMode = REQUIRED) String dataset,
                               @Schema(requiredMode = REQUIRED, minimum = "1") Integer kn,
                               @Schema(minimum = "1") Integer perGpuBatch,
                               @Schema(minimum = "1") Integer epochs,
                               @Schema(minimum = "1") Long datasetSize,
                               @Schema(minimum = "-1000", maximum = "1000") Integer priority,
                               RecipeOverrides overrides,
                               String allreduce,
                               Long backboneFrom,
                               @Schema(minimum = "0") Long seed) {
}
