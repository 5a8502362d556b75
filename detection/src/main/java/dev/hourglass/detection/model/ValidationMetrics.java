package dev.hourglass.detection.model;

import dev.hourglass.detection.Box;
import dev.hourglass.detection.coco.CocoAnnotation;
import dev.hourglass.detection.coco.CocoCategory;
import dev.hourglass.detection.coco.CocoFolder;
import dev.hourglass.detection.coco.CocoImage;
import dev.hourglass.detection.eval.AveragePrecision;
import dev.hourglass.detection.eval.CocoEvaluator;
import dev.hourglass.detection.eval.GroundTruthInstance;
import dev.hourglass.detection.eval.IouType;
import dev.hourglass.detection.eval.ScoredDetection;
import dev.hourglass.detection.inference.ImageDetections;
import dev.hourglass.protocol.MetricNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A model's COCO box and mask AP on a split, as the metrics {@code val.box_ap}, {@code val.box_ap50},
 * {@code val.box_ap75}, {@code val.mask_ap}, {@code val.mask_ap50} and {@code val.mask_ap75}, each in 0..1 as
 * pycocotools prints them (the paper's tables show them times 100). Crowd annotations are left out.
 */
public final class ValidationMetrics {

    private ValidationMetrics() {
    }

    /** What scoring needs of some images: their objects and the model's detections on them. */
    public record Evidence(List<GroundTruthInstance> objects, List<ScoredDetection> detections) {

        public Evidence {
            objects = List.copyOf(objects);
            detections = List.copyOf(detections);
        }
    }

    public static Map<String, Double> evaluate(MaskRcnn model, CocoFolder folder, int batchSize) throws IOException {
        return score(List.of(collect(model, folder, folder.dataset().images(), batchSize)));
    }

    /** The model's detections on {@code images} of the split, in batches of {@code batchSize}, with their objects. */
    public static Evidence collect(MaskRcnn model, CocoFolder folder, List<CocoImage> images, int batchSize)
            throws IOException {
        List<Long> categoryIds = folder.dataset().categories().stream().map(CocoCategory::id).sorted().toList();
        List<GroundTruthInstance> objects = new ArrayList<>();
        List<ScoredDetection> detections = new ArrayList<>();
        Map<CocoImage, List<CocoAnnotation>> byImage = folder.dataset().annotationsByImage();
        for (int from = 0; from < images.size(); from += batchSize) {
            List<CocoImage> chunk = images.subList(from, Math.min(images.size(), from + batchSize));
            DetectionBatch batch = DetectionBatch.read(folder, chunk, DataType.FLOAT);
            List<DetectedInstances> found = model.detect(batch.images());
            for (int i = 0; i < chunk.size(); i++) {
                CocoImage image = chunk.get(i);
                byImage.get(image).stream().filter(a -> !a.crowd())
                        .forEach(a -> objects.add(GroundTruthInstance.of(image, a)));
                ImageDetections d = found.get(i).detections();
                for (int k = 0; k < d.size(); k++) {
                    double[] box = d.boxes()[k];
                    detections.add(new ScoredDetection(image.id(), categoryIds.get(d.classes()[k] - 1), d.scores()[k],
                            new Box(box[0], box[1], box[2], box[3]), found.get(i).masks().get(k)));
                }
            }
        }
        return new Evidence(objects, detections);
    }

    /** Box and mask AP over the images of all {@code parts} together (each image in one part only). */
    public static Map<String, Double> score(List<Evidence> parts) {
        List<GroundTruthInstance> objects = new ArrayList<>();
        List<ScoredDetection> detections = new ArrayList<>();
        for (Evidence part : parts) {
            objects.addAll(part.objects());
            detections.addAll(part.detections());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        put(metrics, MetricNames.VAL_BOX_AP, new CocoEvaluator(IouType.BOX).evaluate(objects, detections));
        put(metrics, MetricNames.VAL_MASK_AP, new CocoEvaluator(IouType.MASK).evaluate(objects, detections));
        return metrics;
    }

    private static void put(Map<String, Double> metrics, String name, AveragePrecision ap) {
        metrics.put(name, ap.ap());
        metrics.put(name + "50", ap.ap50());
        metrics.put(name + "75", ap.ap75());
    }
}
