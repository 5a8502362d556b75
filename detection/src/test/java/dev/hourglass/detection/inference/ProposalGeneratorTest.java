package dev.hourglass.detection.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.detection.anchor.AnchorGenerator;
import dev.hourglass.detection.anchor.AnchorLevel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ProposalGeneratorTest {

    /** Stride 8, one 16x16 anchor per location, on a 4x4 map: a 32x32 image. */
    private final AnchorGenerator generator = new AnchorGenerator(List.of(new AnchorLevel(8, new double[] {16},
            new double[] {1}, 0.5)));

    @Test
    void theBestAnchorsComeFirstDecodedAndOverlappingOnesAreSuppressed() {
        INDArray objectness = Nd4j.zeros(DataType.DOUBLE, 1, 1, 4, 4).sub(5);
        objectness.putScalar(new long[] {0, 0, 1, 2}, 3);
        objectness.putScalar(new long[] {0, 0, 3, 0}, 2);
        INDArray deltas = Nd4j.zeros(DataType.DOUBLE, 1, 4, 4, 4);
        // the second best moves right by a quarter of its width: dx = 0.25
        deltas.putScalar(new long[] {0, 0, 3, 0}, 0.25);

        List<Proposals> proposals = new ProposalGenerator(16, 3, 0.7).generate(List.of(objectness), List.of(deltas),
                List.of(generator.anchors(0, 4, 4)), 32, 32);

        Proposals image = proposals.get(0);
        assertThat(image.size()).isEqualTo(3);
        assertThat(image.objectness()[0]).isEqualTo(3);
        // location (y=1, x=2): centre (20, 12)
        assertThat(image.boxes().getRow(0).toDoubleVector()).containsExactly(new double[] {12, 4, 28, 20},
                within(1e-9));
        // location (y=3, x=0): centre (4, 28) shifted to (8, 28), clipped to the image
        assertThat(image.boxes().getRow(1).toDoubleVector()).containsExactly(new double[] {0, 20, 16, 32},
                within(1e-9));
    }

    @Test
    void onlyThePreNmsBestOfALevelAreConsideredAndEveryImageGetsItsOwn() {
        INDArray objectness = Nd4j.rand(DataType.DOUBLE, 2, 1, 4, 4);
        INDArray deltas = Nd4j.zeros(DataType.DOUBLE, 2, 4, 4, 4);

        List<Proposals> proposals = new ProposalGenerator(5, 100, 0.7).generate(List.of(objectness),
                List.of(deltas), List.of(generator.anchors(0, 4, 4)), 32, 32);

        assertThat(proposals).hasSize(2);
        // 16x16 anchors 8 apart overlap at IoU 1/3 at most: NMS keeps all five
        assertThat(proposals.get(0).size()).isEqualTo(5);
        double[] scores = proposals.get(1).objectness();
        for (int k = 1; k < scores.length; k++) {
            assertThat(scores[k]).isLessThanOrEqualTo(scores[k - 1]);
        }
    }
}
