package dev.hourglass.detection.box;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NonMaximumSuppressionTest {

    private final double[][] boxes = {{0, 0, 10, 10}, {1, 0, 11, 10}, {20, 20, 30, 30}, {0, 0, 10, 10}};

    @Test
    void aBoxOverlappingABetterOneIsDropped() {
        // box 1 overlaps box 0 at IoU 90/110 = 0.82
        int[] kept = NonMaximumSuppression.keep(boxes, new double[] {0.6, 0.9, 0.5, 0.1}, new int[4], 0.7, 10);

        assertThat(kept).containsExactly(1, 2);
    }

    @Test
    void groupsAreSuppressedApartAndTheLimitHolds() {
        int[] kept = NonMaximumSuppression.keep(boxes, new double[] {0.6, 0.9, 0.5, 0.1}, new int[] {0, 0, 0, 1},
                0.7, 10);

        assertThat(kept).containsExactly(1, 2, 3);
        assertThat(NonMaximumSuppression.keep(boxes, new double[] {0.6, 0.9, 0.5, 0.1}, new int[] {0, 0, 0, 1}, 0.7,
                2)).containsExactly(1, 2);
    }

    @Test
    void aLooseThresholdKeepsOverlappingBoxes() {
        assertThat(NonMaximumSuppression.keep(boxes, new double[] {0.6, 0.9, 0.5, 0.1}, new int[4], 0.9, 10))
                .containsExactly(1, 0, 2);
    }
}
