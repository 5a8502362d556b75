package dev.hourglass.detection.model;

import java.util.Arrays;

/**
 * The sizes of a Mask R-CNN, and which backbone and pyramid levels it uses. The pyramid's levels are given by their
 * strides, finest first ({@code strides[l] = 2^k} is level Pk); the RPN runs on every one of them with anchors of
 * {@code anchorSizes[l]}, and RoIs are pooled from levels {@code roiMinLevel..roiMaxLevel} (FPN, Eq. 1).
 *
 * <p>{@link #small} is {@code mask-rcnn-small}: P2..P4 of a four-stage Group Norm backbone for 64x64 images, anchors of
 * 8, 16 and 32 pixels, narrower heads and fewer proposals than the paper. {@link #resnet50Fpn} is
 * {@code mask-rcnn-r50-fpn}, the paper's R50-FPN.
 */
public record MaskRcnnConfig(int classes, BackboneKind backbone, int[] backboneWidths, int pyramidChannels,
        int[] strides, double[] anchorSizes, double[] aspectRatios, int roiMinLevel, int roiMaxLevel,
        int preNmsPerLevel, int postNmsTotal, int boxPool, int boxHidden, int maskPool, int maskConvolutions,
        int canonicalLevel, double canonicalSize, int rpnPerImage, int roisPerImage, boolean boxHeadGroupNorm) {

    /** Which backbone builds the pyramid. */
    public enum BackboneKind {
        /** {@code SmallFpnBackbone}: {@code backboneWidths} are the stem's and C2..C4's channels. */
        SMALL_FPN,
        /** {@code ResNetFpnBackbone}: {@code backboneWidths} are the blocks of C2..C5, e.g. 3, 4, 6, 3 for ResNet-50. */
        RESNET_FPN
    }

    public MaskRcnnConfig {
        backboneWidths = backboneWidths.clone();
        strides = strides.clone();
        anchorSizes = anchorSizes.clone();
        aspectRatios = aspectRatios.clone();
        if (anchorSizes.length != strides.length) {
            throw new IllegalArgumentException(anchorSizes.length + " anchor sizes for " + strides.length
                    + " pyramid levels (strides " + Arrays.toString(strides) + "): one size per level");
        }
        int finest = level(strides[0]);
        for (int l = 0; l < strides.length; l++) {
            if (strides[l] != 1 << (finest + l)) {
                throw new IllegalArgumentException("pyramid strides " + Arrays.toString(strides)
                        + " must be powers of two doubling level by level");
            }
        }
        if (roiMinLevel < finest || roiMaxLevel > finest + strides.length - 1 || roiMinLevel > roiMaxLevel) {
            throw new IllegalArgumentException("RoI levels P" + roiMinLevel + "..P" + roiMaxLevel
                    + " are not within the pyramid's P" + finest + "..P" + (finest + strides.length - 1));
        }
    }

    /** The configuration of a catalog model for a dataset of {@code classes} classes. */
    public static MaskRcnnConfig named(String model, int classes) {
        return switch (model) {
            case "mask-rcnn-small" -> small(classes);
            case "mask-rcnn-r50-fpn" -> resnet50Fpn(classes);
            default -> throw new IllegalArgumentException("model " + model + " has no Mask R-CNN configuration in"
                    + " this trainer; it trains mask-rcnn-small and mask-rcnn-r50-fpn");
        };
    }

    public static MaskRcnnConfig small(int classes) {
        return new MaskRcnnConfig(classes, BackboneKind.SMALL_FPN, new int[] {16, 32, 48, 64}, 32,
                new int[] {4, 8, 16}, new double[] {8, 16, 32}, new double[] {0.5, 1, 2}, 2, 4, 300, 150, 7, 128, 14,
                2, 3, 32, 128, 64, true);
    }

    /** Tiny sizes for unit tests: every part present, as little work as possible. */
    public static MaskRcnnConfig tiny(int classes) {
        return new MaskRcnnConfig(classes, BackboneKind.SMALL_FPN, new int[] {4, 8, 8, 8}, 8, new int[] {4, 8, 16},
                new double[] {8, 16, 32}, new double[] {1}, 2, 4, 50, 20, 3, 16, 4, 1, 3, 16, 32, 16, true);
    }

    /**
     * Mask R-CNN R50-FPN (He et al., 2017, Section 3.1, with FPN's and Detectron's settings): ResNet-50 with frozen
     * BN, 256-channel P2..P6, anchors 32 to 512 at ratios 0.5, 1, 2, RoIs from P2..P5 with k0 = 4 at 224 pixels,
     * 2000 proposals per level before NMS and 2000 after, the 2x1024 FC box head on 7x7 RoIs, the mask head of four
     * 256-channel 3x3 convolutions on 14x14 RoIs with a deconvolution to 28x28, and 512 anchors and 512 RoIs
     * sampled per image.
     */
    public static MaskRcnnConfig resnet50Fpn(int classes) {
        return new MaskRcnnConfig(classes, BackboneKind.RESNET_FPN, new int[] {3, 4, 6, 3}, 256,
                new int[] {4, 8, 16, 32, 64}, new double[] {32, 64, 128, 256, 512}, new double[] {0.5, 1, 2}, 2, 5,
                2000, 2000, 7, 1024, 14, 4, 4, 224, 512, 512, false);
    }

    /** The level Pk of a stride {@code 2^k}. */
    public static int level(int stride) {
        return Integer.numberOfTrailingZeros(stride);
    }

    public int levels() {
        return strides.length;
    }

    public int maskSize() {
        return 2 * maskPool;
    }

    @Override
    public int[] backboneWidths() {
        return backboneWidths.clone();
    }

    @Override
    public int[] strides() {
        return strides.clone();
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
