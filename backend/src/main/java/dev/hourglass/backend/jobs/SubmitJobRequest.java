package dev.hourglass.backend.jobs;

import dev.hourglass.recipe.RecipeOverrides;

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
public record SubmitJobRequest(String name,
                               String team,
                               String model,
                               String dataset,
                               Integer kn,
                               Integer perGpuBatch,
                               Integer epochs,
                               Long datasetSize,
                               Integer priority,
                               RecipeOverrides overrides,
                               String allreduce,
                               Long backboneFrom,
                               Long seed) {
}
