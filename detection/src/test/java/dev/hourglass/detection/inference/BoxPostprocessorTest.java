package dev.hourglass.detection.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class BoxPostprocessorTest {

    @Test
    void confidentProposalsBecomeDetectionsOfTheirClassAndDuplicatesAreSuppressed() {
        // 3 proposals, 2 classes: the first two say class 2 on almost the same box, the third class 1 elsewhere
        double[][] proposals = {{0, 0, 10, 10}, {0.5, 0, 10.5, 10}, {20, 20, 30, 30}};
        double[][] logits = {{0, 0, 5}, {0, 0, 4}, {0, 3, 0}};

        ImageDetections detections = BoxPostprocessor.standard().detect(Nd4j.create(logits),
                Nd4j.zeros(DataType.DOUBLE, 3, 8), Nd4j.create(proposals), 64, 64);

        double p = Math.exp(5) / (2 + Math.exp(5));
        assertThat(detections.scores()[0]).isCloseTo(p, within(1e-12));
        assertThat(detections.classes()[0]).isEqualTo(2);
        assertThat(detections.boxes()[0]).containsExactly(new double[] {0, 0, 10, 10}, within(1e-9));
        // the second proposal's class-2 box is suppressed; what remains above 0.05 is class 1 on the third
        // and the low class-1 / class-2 probabilities of each proposal that survive NMS in their class
        assertThat(detections.classes()).contains(1);
        for (int d = 0; d < detections.size(); d++) {
            assertThat(detections.scores()[d]).isGreaterThanOrEqualTo(0.05);
            if (detections.classes()[d] == 2) {
                assertThat(detections.boxes()[d][0]).isNotCloseTo(0.5, within(1e-9));
            }
        }
    }

    @Test
    void classSpecificDeltasMoveTheBoxOfTheirClassOnly() {
        double[][] deltas = {{0, 0, 0, 0, 10, 0, 0, 0}};

        ImageDetections detections = BoxPostprocessor.standard().detect(Nd4j.create(new double[][] {{0, -9, 9}}),
                Nd4j.create(deltas), Nd4j.create(new double[][] {{10, 10, 20, 20}}), 64, 64);

        // class 2's dx = 10 / 10 (box head weights) = one box width
        assertThat(detections.size()).isEqualTo(1);
        assertThat(detections.classes()[0]).isEqualTo(2);
        assertThat(detections.boxes()[0]).containsExactly(new double[] {20, 10, 30, 20}, within(1e-9));
    }
}
