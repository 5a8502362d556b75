package dev.hourglass.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BoxTest {

    @Test
    void iouOfOverlappingTouchingAndNestedBoxes() {
        Box a = new Box(0, 0, 10, 10);

        assertThat(a.iou(new Box(5, 0, 15, 10))).isCloseTo(50.0 / 150, within(1e-12));
        assertThat(a.iou(new Box(10, 0, 20, 10))).isZero();
        assertThat(a.iou(new Box(2, 2, 7, 7))).isCloseTo(25.0 / 100, within(1e-12));
    }

    @Test
    void cocoXywhRoundTrips() {
        Box box = Box.fromXywh(3, 4, 5, 6);

        assertThat(box).isEqualTo(new Box(3, 4, 8, 10));
        assertThat(box.toXywh()).containsExactly(3, 4, 5, 6);
        assertThat(box.area()).isEqualTo(30);
    }

    @Test
    void cornersOutOfOrderAreRefused() {
        assertThatThrownBy(() -> new Box(5, 0, 4, 1)).hasMessageContaining("x2 >= x1");
    }
}
