package dev.hourglass.detection.training;

import dev.hourglass.detection.data.DetectionBatches;
import dev.hourglass.detection.model.MaskRcnnConfig;
import dev.hourglass.protocol.WorkerSpec;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.trainer.worker.Rank;
import dev.hourglass.trainer.worker.RankTraining;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A Mask R-CNN job's rank: replicas on a COCO-format folder, their backbone fresh or from the checkpoint the job
 * names, validated by box and mask AP.
 */
public final class MaskRcnnTraining {

    private MaskRcnnTraining() {
    }

    public static void run(Rank rank) throws Exception {
        WorkerSpec spec = rank.spec();
        DetectionBatches data = DetectionBatches.open(Path.of(spec.dataset()), rank.plan().perGpuBatch(),
                rank.plan().k(), spec.seed());
        MaskRcnnConfig config = MaskRcnnConfig.named(spec.model(), data.classes());
        if (spec.backboneCheckpoint() != null) {
            rank.out().println("backbone: from " + spec.backboneCheckpoint());
        }
        RankTraining.train(rank, data, () -> replica(spec, config, rank.plan()),
                (replicas, threads, totals) -> new DetectionValidation(replicas, threads, data.validation(),
                        rank.index()));
    }

    /** A fresh replica, or one whose backbone starts from the checkpoint the job names. */
    private static MaskRcnnReplica replica(WorkerSpec spec, MaskRcnnConfig config, RecipePlan plan) {
        if (spec.backboneCheckpoint() == null) {
            return MaskRcnnReplica.create(config, spec.seed(), plan);
        }
        try {
            return MaskRcnnReplica.create(config, spec.seed(), plan, Path.of(spec.backboneCheckpoint()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the backbone from " + spec.backboneCheckpoint() + ": "
                    + e.getMessage(), e);
        }
    }
}
