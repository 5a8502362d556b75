package dev.hourglass.detection.box;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class BoxCoderTest {

    private static INDArray boxes(double... corners) {
        return Nd4j.create(corners, new long[] {corners.length / 4, 4}, 'c');
    }

    @Test
    void encodesCentreShiftsInBoxSizesAndSizeChangesAsLogs() {
        // centre (5, 5) -> (7, 11), size 10x10 -> 10x20
        INDArray reference = boxes(0, 0, 10, 10);
        INDArray target = boxes(2, 1, 12, 21);

        assertThat(BoxCoder.forRpn().encode(reference, target).toDoubleVector())
                .containsExactly(new double[] {0.2, 0.6, 0, Math.log(2)}, within(1e-12));
        assertThat(BoxCoder.forBoxHead().encode(reference, target).toDoubleVector())
                .containsExactly(new double[] {2, 6, 0, 5 * Math.log(2)}, within(1e-12));
    }

    @Test
    void decodeUndoesEncode() {
        INDArray references = Nd4j.rand(DataType.DOUBLE, 50, 4).mul(20);
        references = Nd4j.hstack(references.getColumns(0, 1), references.getColumns(0, 1).add(
                Nd4j.rand(DataType.DOUBLE, 50, 2).mul(30).add(5)));
        // corners move by less than 2, boxes are at least 5 wide: the targets stay proper boxes
        INDArray targets = references.add(Nd4j.rand(DataType.DOUBLE, 50, 4).mul(2));
        BoxCoder coder = BoxCoder.forBoxHead();

        INDArray decoded = coder.decode(coder.encode(references, targets), references);

        assertThat(decoded.equalsWithEps(targets, 1e-9)).isTrue();
    }

    @Test
    void decodingClampsTheGrowthOfWidthAndHeight() {
        INDArray decoded = BoxCoder.forRpn().decode(boxes(50, 1e6, 1e6, 0), boxes(0, 0, 4, 4));

        // the centre moves freely; the size grows by exp(log(1000 / 16)) at most
        double[] box = decoded.toDoubleVector();
        assertThat(box[2] - box[0]).isCloseTo(4 * 1000.0 / 16, within(1e-9));
        assertThat(box[3] - box[1]).isCloseTo(4.0, within(1e-9));
        assertThat((box[0] + box[2]) / 2).isCloseTo(2 + 50 * 4, within(1e-9));
    }

    @Test
    void referenceBoxesWithoutAreaAreRefused() {
        assertThatThrownBy(() -> BoxCoder.forRpn().encode(boxes(3, 3, 3, 8), boxes(0, 0, 1, 1)))
                .hasMessageContaining("reference box 0").hasMessageContaining("width and height > 0");
    }
}
