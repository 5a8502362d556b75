package dev.hourglass.detection.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.detection.model.MaskRcnnConfig.BackboneKind;
import dev.hourglass.detection.roi.FpnLevelAssigner;
import org.junit.jupiter.api.Test;

class MaskRcnnConfigTest {

    @Test
    void theCatalogKnowsTheSmallModelAndR50Fpn() {
        assertThat(MaskRcnnConfig.named("mask-rcnn-small", 3)).usingRecursiveComparison()
                .isEqualTo(MaskRcnnConfig.small(3));
        MaskRcnnConfig r50 = MaskRcnnConfig.named("mask-rcnn-r50-fpn", 80);

        assertThat(r50.backbone()).isEqualTo(BackboneKind.RESNET_FPN);
        assertThat(r50.backboneWidths()).containsExactly(3, 4, 6, 3);
        assertThat(r50.strides()).containsExactly(4, 8, 16, 32, 64);
        assertThat(r50.anchorSizes()).containsExactly(32, 64, 128, 256, 512);
        assertThat(r50.aspectRatios()).containsExactly(0.5, 1, 2);
        assertThat(new int[] {r50.roiMinLevel(), r50.roiMaxLevel(), r50.canonicalLevel()}).containsExactly(2, 5, 4);
        assertThat(r50.canonicalSize()).isEqualTo(224);
        assertThat(new int[] {r50.boxPool(), r50.boxHidden(), r50.maskPool(), r50.maskSize(), r50.maskConvolutions()})
                .containsExactly(7, 1024, 14, 28, 4);
        assertThat(new int[] {r50.preNmsPerLevel(), r50.postNmsTotal(), r50.rpnPerImage(), r50.roisPerImage()})
                .containsExactly(2000, 2000, 512, 512);
        assertThatThrownBy(() -> MaskRcnnConfig.named("mask-rcnn-r101-fpn", 80))
                .hasMessageContaining("mask-rcnn-small and mask-rcnn-r50-fpn");
    }

    @Test
    void theSmallModelKeepsItsThreeLevels() {
        MaskRcnnConfig small = MaskRcnnConfig.small(3);

        assertThat(small.backbone()).isEqualTo(BackboneKind.SMALL_FPN);
        assertThat(small.strides()).containsExactly(4, 8, 16);
        assertThat(new int[] {small.roiMinLevel(), small.roiMaxLevel()}).containsExactly(2, 4);
    }

    @Test
    void levelsMustMatchTheirAnchorsAndHoldTheRoiLevels() {
        MaskRcnnConfig small = MaskRcnnConfig.small(3);

        assertThatThrownBy(() -> new MaskRcnnConfig(3, BackboneKind.SMALL_FPN, small.backboneWidths(), 32,
                new int[] {4, 8, 16}, new double[] {8, 16}, small.aspectRatios(), 2, 4, 300, 150, 7, 128, 14, 2, 3,
                16, 128, 64, true)).hasMessageContaining("2 anchor sizes for 3 pyramid levels");
        assertThatThrownBy(() -> new MaskRcnnConfig(3, BackboneKind.SMALL_FPN, small.backboneWidths(), 32,
                new int[] {4, 8, 16}, small.anchorSizes(), small.aspectRatios(), 2, 5, 300, 150, 7, 128, 14, 2, 3,
                16, 128, 64, true)).hasMessageContaining("RoI levels P2..P5 are not within the pyramid's P2..P4");
    }

    @Test
    void theSmallModelPoolsTheGeneratedSetsObjectsFromTheFinePyramidLevels() {
        // generated-coco's objects are 10..40 pixels: with a canonical size of 16 nearly all of them went to P3 (8x8)
        // and P4 (4x4), so that a 14x14 mask was cut from 2x2 or 3x3 feature cells
        MaskRcnnConfig small = MaskRcnnConfig.small(3);
        FpnLevelAssigner assigner = new FpnLevelAssigner(2, 4, small.canonicalLevel(), small.canonicalSize());

        int[] levels = assigner.levels(new double[][] {{0, 0, 12, 12}, {0, 0, 24, 24}, {0, 0, 31, 31},
                {0, 0, 40, 40}, {0, 0, 64, 64}});

        assertThat(levels).containsExactly(2, 2, 2, 3, 4);
    }
}
