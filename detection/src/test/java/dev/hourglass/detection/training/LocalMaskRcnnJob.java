package dev.hourglass.detection.training;

import dev.hourglass.detection.data.DetectionBatches;
import dev.hourglass.detection.data.DetectionMinibatch;
import dev.hourglass.detection.model.MaskRcnnConfig;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.data.TrainingData;
import dev.hourglass.trainer.worker.EpochValidation;
import dev.hourglass.trainer.worker.JobTotals;
import dev.hourglass.trainer.worker.LocalJob;
import dev.hourglass.trainer.worker.ReplicaThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Mask R-CNN jobs in this JVM for tests: {@link LocalJob} with the detector's data, replicas and validation. */
final class LocalMaskRcnnJob {

    private LocalMaskRcnnJob() {
    }

    /** A Mask R-CNN job of {@code config} on a COCO-format folder. */
    static LocalJob<DetectionMinibatch, MaskRcnnReplica> of(
            RecipePlan plan, MaskRcnnConfig config, Path dataset, int ranks, int replicasPerRank, Path workDirectory,
            long seed) throws IOException {
        return LocalJob.of(plan, new LocalJob.Workload<>() {
            @Override
            public TrainingData<DetectionMinibatch> data(RecipePlan p, long s)
                    throws IOException {
                return DetectionBatches.open(dataset, p.perGpuBatch(), p.k(), s);
            }

            @Override
            public MaskRcnnReplica replica(TrainingData<DetectionMinibatch> data,
                                           RecipePlan p, long s) {
                return MaskRcnnReplica.create(config, s, p);
            }

            @Override
            public EpochValidation validation(
                    TrainingData<DetectionMinibatch> data,
                    List<MaskRcnnReplica> replicas, ReplicaThreads threads, int rank, int firstReplica,
                    JobTotals totals) {
                return new DetectionValidation(replicas, threads, ((DetectionBatches) data).validation(), rank);
            }
        }, ranks, replicasPerRank, workDirectory, seed);
    }
}
