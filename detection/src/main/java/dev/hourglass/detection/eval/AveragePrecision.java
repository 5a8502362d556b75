package dev.hourglass.detection.eval;

import java.util.Map;

/**
 * COCO's summary numbers, each averaged over the categories that have objects: {@code ap} over the IoU thresholds
 * 0.50:0.05:0.95, {@code ap50} and {@code ap75} at one threshold; -1 where no category has any object (as
 * pycocotools reports it). {@code perCategory} holds each category's AP over all thresholds.
 */
public record AveragePrecision(double ap, double ap50, double ap75, double[] perThreshold,
        Map<Long, Double> perCategory) {

    public AveragePrecision {
        perThreshold = perThreshold.clone();
        perCategory = Map.copyOf(perCategory);
    }

    @Override
    public double[] perThreshold() {
        return perThreshold.clone();
    }
}
