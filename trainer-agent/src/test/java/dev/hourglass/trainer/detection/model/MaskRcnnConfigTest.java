package dev.hourglass.trainer.detection.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.trainer.detection.roi.FpnLevelAssigner;
import org.junit.jupiter.api.Test;

class MaskRcnnConfigTest {

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
