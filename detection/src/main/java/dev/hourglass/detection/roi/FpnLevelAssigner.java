package dev.hourglass.detection.roi;

/**
 * Which pyramid level a RoI is pooled from (FPN, Eq. 1): {@code k = floor(k0 + log2(sqrt(w h) / canonicalSize))},
 * clamped to the levels there are. The paper's ImageNet-sized setting is k0 = 4 at 224 pixels on P2..P5; a model for
 * small images takes a smaller canonical size so that its objects spread over the levels alike.
 */
public record FpnLevelAssigner(int minLevel, int maxLevel, int canonicalLevel, double canonicalSize) {

    public FpnLevelAssigner {
        if (minLevel > maxLevel || !(canonicalSize > 0)) {
            throw new IllegalArgumentException("levels " + minLevel + ".." + maxLevel + " with canonical size "
                    + canonicalSize + ": need minLevel <= maxLevel and a canonical size > 0");
        }
    }

    public static FpnLevelAssigner paper() {
        return new FpnLevelAssigner(2, 5, 4, 224);
    }

    /** The level of each box, e.g. 2 for P2; {@code boxes[r]} as x1, y1, x2, y2. */
    public int[] levels(double[][] boxes) {
        int[] levels = new int[boxes.length];
        for (int r = 0; r < boxes.length; r++) {
            double size = Math.sqrt(Math.max(boxes[r][2] - boxes[r][0], 0) * Math.max(boxes[r][3] - boxes[r][1], 0));
            // the small epsilon keeps log2 finite for empty boxes, which go to the finest level
            double k = Math.floor(canonicalLevel + Math.log(size / canonicalSize + 1e-8) / Math.log(2));
            levels[r] = (int) Math.max(minLevel, Math.min(maxLevel, k));
        }
        return levels;
    }
}
