package dev.hourglass.detection.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * COCO-style average precision, computed as pycocotools' {@code COCOeval} does for area range "all": per image and
 * category the {@code maxDetections} best-scoring detections are matched greedily ({@link GreedyMatcher}), then per
 * category the precision is taken on 101 recall points ({@link InterpolatedPrecision}) and averaged over recall
 * points, IoU thresholds and categories. Categories are those of the objects; detections of other categories do not
 * count. Crowd regions are not handled: leave crowd annotations out of the objects, and detections that fall on them
 * count as false positives (pycocotools would ignore them).
 */
public final class CocoEvaluator {

    public static final double[] IOU_THRESHOLDS = InterpolatedPrecision.linspace(0.5, 0.95, 10);
    public static final int MAX_DETECTIONS = 100;
    private static final int AT_50 = 0;
    private static final int AT_75 = 5;

    private final IouType iouType;
    private final int maxDetections;

    public CocoEvaluator(IouType iouType) {
        this(iouType, MAX_DETECTIONS);
    }

    public CocoEvaluator(IouType iouType, int maxDetections) {
        if (maxDetections < 1) {
            throw new IllegalArgumentException("maxDetections must be >= 1, got " + maxDetections);
        }
        this.iouType = iouType;
        this.maxDetections = maxDetections;
    }

    public AveragePrecision evaluate(List<GroundTruthInstance> objects, List<ScoredDetection> detections) {
        Map<Long, Map<Long, List<GroundTruthInstance>>> objectsByCategory = objects.stream().collect(
                Collectors.groupingBy(GroundTruthInstance::categoryId, TreeMap::new,
                        Collectors.groupingBy(GroundTruthInstance::imageId, TreeMap::new, Collectors.toList())));
        Map<Long, Map<Long, List<ScoredDetection>>> detectionsByCategory = detections.stream().collect(
                Collectors.groupingBy(ScoredDetection::categoryId, TreeMap::new,
                        Collectors.groupingBy(ScoredDetection::imageId, TreeMap::new, Collectors.toList())));
        double[] sumPerThreshold = new double[IOU_THRESHOLDS.length];
        Map<Long, Double> perCategory = new TreeMap<>();
        for (Map.Entry<Long, Map<Long, List<GroundTruthInstance>>> category : objectsByCategory.entrySet()) {
            double[] apPerThreshold = categoryAp(category.getValue(),
                    detectionsByCategory.getOrDefault(category.getKey(), Map.of()));
            double sum = 0;
            for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
                sumPerThreshold[t] += apPerThreshold[t];
                sum += apPerThreshold[t];
            }
            perCategory.put(category.getKey(), sum / IOU_THRESHOLDS.length);
        }
        int categories = objectsByCategory.size();
        if (categories == 0) {
            double[] none = new double[IOU_THRESHOLDS.length];
            Arrays.fill(none, -1);
            return new AveragePrecision(-1, -1, -1, none, Map.of());
        }
        double[] perThreshold = new double[IOU_THRESHOLDS.length];
        double total = 0;
        for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
            perThreshold[t] = sumPerThreshold[t] / categories;
            total += perThreshold[t];
        }
        return new AveragePrecision(total / IOU_THRESHOLDS.length, perThreshold[AT_50], perThreshold[AT_75],
                perThreshold, perCategory);
    }

    /** One category's AP at each threshold, the images in ascending id order as pycocotools takes them. */
    private double[] categoryAp(Map<Long, List<GroundTruthInstance>> objectsByImage,
            Map<Long, List<ScoredDetection>> detectionsByImage) {
        TreeSet<Long> images = new TreeSet<>(objectsByImage.keySet());
        images.addAll(detectionsByImage.keySet());
        List<MatchedDetection> all = new ArrayList<>();
        int objectCount = 0;
        for (long image : images) {
            List<GroundTruthInstance> imageObjects = objectsByImage.getOrDefault(image, List.of());
            List<ScoredDetection> best = detectionsByImage.getOrDefault(image, List.of()).stream()
                    .sorted(Comparator.comparingDouble(ScoredDetection::score).reversed())
                    .limit(maxDetections).toList();
            objectCount += imageObjects.size();
            boolean[][] matched = GreedyMatcher.match(best, imageObjects, IOU_THRESHOLDS, iouType);
            for (int d = 0; d < best.size(); d++) {
                boolean[] matchedAt = new boolean[IOU_THRESHOLDS.length];
                for (int t = 0; t < matchedAt.length; t++) {
                    matchedAt[t] = matched[t][d];
                }
                all.add(new MatchedDetection(best.get(d).score(), matchedAt));
            }
        }
        // List.sort is stable, as pycocotools' mergesort: equal scores keep image order
        all.sort(Comparator.comparingDouble(MatchedDetection::score).reversed());
        double[] ap = new double[IOU_THRESHOLDS.length];
        for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
            boolean[] truePositive = new boolean[all.size()];
            for (int k = 0; k < truePositive.length; k++) {
                truePositive[k] = all.get(k).matchedAt()[t];
            }
            double sum = 0;
            for (double p : InterpolatedPrecision.at101RecallPoints(truePositive, objectCount)) {
                sum += p;
            }
            ap[t] = sum / InterpolatedPrecision.RECALL_POINTS.length;
        }
        return ap;
    }

    private record MatchedDetection(double score, boolean[] matchedAt) {
    }
}
