package dev.hourglass.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryMaskTest {

    private final BinaryMask ring = BinaryMask.fromRows(
            ".###.",
            ".#.#.",
            ".###.");
    private final BinaryMask bar = BinaryMask.fromRows(
            ".....",
            "#####",
            ".....");

    @Test
    void areaIntersectionAndIouOfHandDrawnMasks() {
        assertThat(ring.area()).isEqualTo(8);
        assertThat(bar.area()).isEqualTo(5);
        assertThat(ring.intersectionArea(bar)).isEqualTo(2);
        assertThat(ring.iou(bar)).isCloseTo(2.0 / 11, within(1e-12));
        assertThat(ring.iou(ring)).isEqualTo(1.0);
        assertThat(new BinaryMask(3, 3).iou(new BinaryMask(3, 3))).isZero();
    }

    @Test
    void unionDifferenceAndBoundingBox() {
        assertThat(ring.or(bar)).isEqualTo(BinaryMask.fromRows(
                ".###.",
                "#####",
                ".###."));
        assertThat(ring.minus(bar)).isEqualTo(BinaryMask.fromRows(
                ".###.",
                ".....",
                ".###."));
        assertThat(ring.boundingBox()).contains(new Box(1, 0, 4, 3));
        assertThat(new BinaryMask(4, 4).boundingBox()).isEmpty();
    }

    @Test
    void masksOfDifferentSizesCannotBeCompared() {
        assertThatThrownBy(() -> ring.iou(new BinaryMask(4, 3))).hasMessageContaining("5x3 and 4x3");
    }
}
