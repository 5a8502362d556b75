package dev.hourglass.trainer.detection.model;

/**
 * The sizes of a Mask R-CNN. {@link #small} is {@code mask-rcnn-small}: P2..P4 of a four-stage backbone for 64x64
 * images, anchors of 8, 16 and 32 pixels, narrower heads and fewer proposals than the paper's R50-FPN.
 */
public record MaskRcnnConfig(int classes, int[] backboneWidths, int pyramidChannels, double[] anchorSizes,
        double[] aspectRatios, int preNmsPerLevel, int postNmsTotal, int boxPool, int boxHidden, int maskPool,
        int maskConvolutions, int canonicalLevel, double canonicalSize, int rpnPerImage, int roisPerImage) {

    public MaskRcnnConfig {
        backboneWidths = backboneWidths.clone();
        anchorSizes = anchorSizes.clone();
        aspectRatios = aspectRatios.clone();
    }

    public static MaskRcnnConfig small(int classes) {
        return new MaskRcnnConfig(classes, new int[] {16, 32, 48, 64}, 32, new double[] {8, 16, 32},
                new double[] {0.5, 1, 2}, 300, 150, 7, 128, 14, 2, 3, 32, 128, 64);
    }

    /** Tiny sizes for unit tests: every part present, as little work as possible. */
    public static MaskRcnnConfig tiny(int classes) {
        return new MaskRcnnConfig(classes, new int[] {4, 8, 8, 8}, 8, new double[] {8, 16, 32}, new double[] {1},
                50, 20, 3, 16, 4, 1, 3, 16, 32, 16);
    }

    public int maskSize() {
        return 2 * maskPool;
    }

    @Override
    public int[] backboneWidths() {
        return backboneWidths.clone();
    }

    @Override
    public double[] anchorSizes() {
        return anchorSizes.clone();
    }

    @Override
    public double[] aspectRatios() {
        return aspectRatios.clone();
    }
}
