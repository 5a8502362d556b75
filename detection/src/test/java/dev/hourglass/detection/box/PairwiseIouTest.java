package dev.hourglass.detection.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.Box;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class PairwiseIouTest {

    @Test
    void everyPairAgreesWithTheSingleBoxIou() {
        double[][] a = {{0, 0, 10, 10}, {5, 5, 15, 25}};
        double[][] b = {{0, 0, 10, 10}, {5, 0, 15, 10}, {20, 20, 30, 30}};

        double[][] iou = PairwiseIou.of(Nd4j.create(a), Nd4j.create(b));

        assertThat(iou).hasDimensions(2, 3);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                Box first = new Box(a[i][0], a[i][1], a[i][2], a[i][3]);
                Box second = new Box(b[j][0], b[j][1], b[j][2], b[j][3]);
                assertThat(iou[i][j]).isCloseTo(first.iou(second), within(1e-12));
            }
        }
        assertThat(iou[0][0]).isEqualTo(1.0);
        assertThat(iou[0][2]).isZero();
    }
}
