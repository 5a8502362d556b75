package dev.hourglass.detection;

/**
 * An axis-aligned box in pixel coordinates, corners {@code (x1, y1)} and {@code (x2, y2)}, continuous: a box
 * covering pixels 0..9 runs from 0 to 10 and has width 10 (COCO's convention, no "+1").
 */
public record Box(double x1, double y1, double x2, double y2) {

    public Box {
        if (!(x2 >= x1) || !(y2 >= y1)) {
            throw new IllegalArgumentException("box corners out of order: (" + x1 + ", " + y1 + ") to (" + x2 + ", "
                    + y2 + "); x2 >= x1 and y2 >= y1 are required");
        }
    }

    /** From COCO's {@code [x, y, width, height]}. */
    public static Box fromXywh(double x, double y, double width, double height) {
        return new Box(x, y, x + width, y + height);
    }

    public double width() {
        return x2 - x1;
    }

    public double height() {
        return y2 - y1;
    }

    public double area() {
        return width() * height();
    }

    public double[] toXywh() {
        return new double[] {x1, y1, width(), height()};
    }

    public double intersectionArea(Box other) {
        double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        return w > 0 && h > 0 ? w * h : 0;
    }

    /** Intersection over union; 0 when both boxes are empty. */
    public double iou(Box other) {
        double intersection = intersectionArea(other);
        double union = area() + other.area() - intersection;
        return union > 0 ? intersection / union : 0;
    }
}
