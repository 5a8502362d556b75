package dev.hourglass.detection.inference;

/**
 * One image's final detections, best first: {@code boxes[d]} as x1, y1, x2, y2 in image pixels, {@code classes[d]}
 * in 1..C (the model's contiguous labels) and the class probability as score.
 */
public record ImageDetections(double[][] boxes, int[] classes, double[] scores) {

    public int size() {
        return scores.length;
    }
}
