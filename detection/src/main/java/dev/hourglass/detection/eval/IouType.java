package dev.hourglass.detection.eval;

/** What overlap a detection and an object are matched by: COCO's {@code bbox} and {@code segm}. */
public enum IouType {
    BOX {
        @Override
        double iou(ScoredDetection detection, GroundTruthInstance object) {
            return detection.box().iou(object.box());
        }
    },
    MASK {
        @Override
        double iou(ScoredDetection detection, GroundTruthInstance object) {
            if (detection.mask() == null || object.mask() == null) {
                throw new IllegalArgumentException("mask AP needs masks on every detection and object; image "
                        + detection.imageId() + " category " + detection.categoryId() + " lacks one");
            }
            return detection.mask().iou(object.mask());
        }
    };

    abstract double iou(ScoredDetection detection, GroundTruthInstance object);
}
