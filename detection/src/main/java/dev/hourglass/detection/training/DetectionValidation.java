package dev.hourglass.detection.training;

import dev.hourglass.detection.coco.CocoFolder;
import dev.hourglass.detection.coco.CocoImage;
import dev.hourglass.detection.model.ValidationMetrics;
import dev.hourglass.detection.training.MaskRcnnReplica;
import dev.hourglass.protocol.MetricNames;
import dev.hourglass.trainer.worker.EpochValidation;
import dev.hourglass.trainer.worker.ReplicaThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * COCO box and mask AP on the validation split ({@code val.box_ap}, {@code val.mask_ap}, their AP50 and AP75).
 * AP does not add up over parts of a split, and every replica holds the same parameters, so rank 0 alone detects:
 * its replicas split the images between them and one evaluator scores them all; the other ranks go on to the next
 * iteration and wait for rank 0 in its gradient allreduce.
 */
public final class DetectionValidation implements EpochValidation {

    private static final int DETECTION_BATCH = 4;

    private final List<MaskRcnnReplica> replicas;
    private final ReplicaThreads threads;
    private final CocoFolder split;
    private final boolean evaluates;

    public DetectionValidation(List<MaskRcnnReplica> replicas, ReplicaThreads threads, CocoFolder split, int rank) {
        this.replicas = List.copyOf(replicas);
        this.threads = threads;
        this.split = split;
        this.evaluates = rank == 0;
    }

    @Override
    public Result validate(long iteration) {
        if (!evaluates) {
            return new Result(Map.of(), "validation runs on rank 0");
        }
        List<CocoImage> images = split.dataset().images();
        List<ValidationMetrics.Evidence> parts = threads.onEach(r -> {
            List<CocoImage> mine = new ArrayList<>();
            for (int i = r; i < images.size(); i += replicas.size()) {
                mine.add(images.get(i));
            }
            return ValidationMetrics.collect(replicas.get(r).model(), split, mine, DETECTION_BATCH);
        });
        Map<String, Double> metrics = ValidationMetrics.score(parts);
        return new Result(metrics, String.format("validation box AP %.3f (AP50 %.3f), mask AP %.3f (AP50 %.3f)"
                        + " over %d images", metrics.get(MetricNames.VAL_BOX_AP), metrics.get(MetricNames.VAL_BOX_AP50),
                metrics.get(MetricNames.VAL_MASK_AP), metrics.get(MetricNames.VAL_MASK_AP50), images.size()));
    }
}
