package dev.hourglass.detection.roi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class RoiAlignTest {

    /** One image, one channel, {@code f(y, x) = 10 y + x} on a 4x4 map: bilinear sampling reproduces it exactly. */
    private static INDArray linearMap() {
        double[] values = new double[16];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                values[y * 4 + x] = 10 * y + x;
            }
        }
        return Nd4j.create(values, new long[] {1, 1, 4, 4}, 'c');
    }

    private static INDArray boxes(double... corners) {
        return Nd4j.create(corners, new long[] {corners.length / 4, 4}, 'c');
    }

    @Test
    void onALinearMapEachBinReadsTheValueAtItsCentre() {
        // aligned: the box 1..3 becomes 0.5..2.5 in pixel-centre coordinates, bins centred on 1 and 2
        INDArray aligned = new RoiAlign(2, 2, 1.0, 2, true).forward(linearMap(), boxes(1, 1, 3, 3), new int[] {0});
        // not aligned: bins centred on 1.5 and 2.5
        INDArray legacy = new RoiAlign(2, 2, 1.0, 2, false).forward(linearMap(), boxes(1, 1, 3, 3), new int[] {0});

        assertThat(aligned.shape()).containsExactly(1, 1, 2, 2);
        assertThat(aligned.data().asDouble()).containsExactly(new double[] {11, 12, 21, 22}, within(1e-12));
        assertThat(legacy.data().asDouble()).containsExactly(new double[] {16.5, 17.5, 26.5, 27.5}, within(1e-12));
    }

    @Test
    void samplesAreInterpolatedBilinearlyAndAveragedPerBin() {
        // f is 1 at (y=1, x=1) and 0 at the other corners of a 2x2 map: bilinearly f(y, x) = x * y there
        INDArray map = Nd4j.create(new double[] {0, 0, 0, 1}, new long[] {1, 1, 2, 2}, 'c');
        // aligned box 0.5..1.5 x 0.5..1.5 -> 0..1 in pixel centres; one bin, 2x2 samples at 0.25 and 0.75
        INDArray out = new RoiAlign(1, 1, 1.0, 2, true).forward(map, boxes(0.5, 0.5, 1.5, 1.5), new int[] {0});

        // mean of x*y over x, y in {0.25, 0.75} = (0.5)^2
        assertThat(out.getDouble(0, 0, 0, 0)).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void samplesWithinAPixelOfTheMapAreClampedToItsEdgeAndFartherOnesAreZero() {
        // one sample per bin, at the centre of the aligned box (the box shifted by -0.5), row y = 1
        RoiAlign align = new RoiAlign(1, 1, 1.0, 1, true);
        INDArray rois = boxes(
                -1.5, 0.5, -0.5, 2.5, // samples x = -1.5: more than a pixel off the map
                -0.3, 0.5, 0.7, 2.5, // x = -0.3: within a pixel, read at column 0
                0.5, 0.5, 1.5, 2.5, // x = 0.5: halfway between columns 0 and 1
                4, 0.5, 5, 2.5, // x = 4.0 on a map 4 wide: clamped to the last column
                4.7, 0.5, 5.7, 2.5); // x = 4.7: beyond the map's right edge

        INDArray out = align.forward(linearMap(), rois, new int[] {0, 0, 0, 0, 0});

        assertThat(out.ravel().toDoubleVector()).containsExactly(new double[] {0, 10, 10.5, 13, 0}, within(1e-12));
    }

    @Test
    void boxesAreScaledToTheFeatureMapAndReadTheirOwnImage() {
        INDArray two = Nd4j.concat(0, linearMap(), linearMap().mul(-1));
        // stride 2: the image box 2..6 is 1..3 on the map
        INDArray out = new RoiAlign(2, 2, 0.5, 2, true).forward(two, boxes(2, 2, 6, 6, 2, 2, 6, 6), new int[] {1, 0});

        assertThat(out.get(NDArrayIndex.point(0)).ravel().toDoubleVector())
                .containsExactly(new double[] {-11, -12, -21, -22}, within(1e-12));
        assertThat(out.get(NDArrayIndex.point(1)).ravel().toDoubleVector())
                .containsExactly(new double[] {11, 12, 21, 22}, within(1e-12));
    }

    @Test
    void anAdaptiveSamplingRatioTakesCeilOfTheBinSizeSamples() {
        INDArray map = Nd4j.rand(DataType.DOUBLE, 1, 2, 8, 8);
        INDArray box = boxes(0.3, 1.1, 4.3, 5.1);

        INDArray adaptive = new RoiAlign(2, 2, 1.0, 0, true).forward(map, box, new int[] {0});

        // bins of 2x2 pixels: 2 samples per side
        assertThat(adaptive.equalsWithEps(new RoiAlign(2, 2, 1.0, 2, true).forward(map, box, new int[] {0}), 1e-12))
                .isTrue();
        assertThat(adaptive.equalsWithEps(new RoiAlign(2, 2, 1.0, 1, true).forward(map, box, new int[] {0}), 1e-6))
                .isFalse();
    }

    @Test
    void keepsTheFeaturesDataTypeAndShape() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 2, 3, 5, 6);
        RoiAlign align = new RoiAlign(7, 5, 0.25, 2, true);

        INDArray out = align.forward(features, boxes(0, 0, 10, 12, 3, 4, 20, 20, 1, 1, 2, 2), new int[] {0, 1, 1});

        assertThat(out.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(out.shape()).containsExactly(3, 3, 7, 5);
    }

    @Test
    void backwardMatchesCentralFiniteDifferences() {
        INDArray features = Nd4j.rand(DataType.DOUBLE, 2, 3, 5, 6);
        // boxes inside, over the edge, tiny, and a wide one; image coordinates at stride 2 (the map is 12x10)
        INDArray rois = boxes(1, 1, 9, 7, -3, -2, 5, 4, 10, 8, 14, 13, 4.2, 3.3, 4.9, 3.8, 0, 2, 12, 6);
        int[] images = {0, 1, 1, 0, 1};
        for (RoiAlign align : new RoiAlign[] {new RoiAlign(3, 2, 0.5, 2, true), new RoiAlign(3, 2, 0.5, 0, true),
                new RoiAlign(2, 3, 0.5, 3, false)}) {
            INDArray weights = Nd4j.rand(DataType.DOUBLE, 5, 3, align.pooledHeight(), align.pooledWidth());
            INDArray analytic = align.backward(weights, features.shape(), rois, images);
            double eps = 1e-6;
            for (int i = 0; i < features.length(); i++) {
                double original = features.getDouble(i);
                features.putScalar(i, original + eps);
                double plus = align.forward(features, rois, images).mul(weights).sumNumber().doubleValue();
                features.putScalar(i, original - eps);
                double minus = align.forward(features, rois, images).mul(weights).sumNumber().doubleValue();
                features.putScalar(i, original);
                assertThat(analytic.getDouble(i)).as("%s, feature %d", align, i)
                        .isCloseTo((plus - minus) / (2 * eps), within(1e-7));
            }
            assertThat(analytic.sumNumber().doubleValue()).as("some gradient reaches the features").isPositive();
        }
    }

    @Test
    void anImageWithoutRoisGivesAnEmptyOutputAndAZeroGradient() {
        RoiAlign align = new RoiAlign(2, 2, 1, 2, true);
        INDArray none = Nd4j.zeros(DataType.DOUBLE, 0, 4);

        INDArray out = align.forward(linearMap(), none, new int[0]);
        INDArray gradient = align.backward(Nd4j.zeros(DataType.DOUBLE, 0, 1, 2, 2), new long[] {1, 1, 4, 4}, none,
                new int[0]);

        assertThat(out.shape()).containsExactly(0, 1, 2, 2);
        assertThat(gradient.shape()).containsExactly(1, 1, 4, 4);
        assertThat(gradient.sumNumber().doubleValue()).isZero();
    }

    @Test
    void wrongShapesAreRefusedWithTheShapeExpected() {
        RoiAlign align = new RoiAlign(2, 2, 1, 2, true);

        assertThatThrownBy(() -> align.forward(Nd4j.rand(DataType.DOUBLE, 1, 4, 4), boxes(0, 0, 1, 1), new int[] {0}))
                .hasMessageContaining("[N, C, H, W]");
        assertThatThrownBy(() -> align.forward(linearMap(), boxes(0, 0, 1, 1), new int[] {1}))
                .hasMessageContaining("image index 1 is outside the batch of 1");
        assertThatThrownBy(() -> align.backward(Nd4j.rand(DataType.DOUBLE, 1, 1, 3, 3), new long[] {1, 1, 4, 4},
                boxes(0, 0, 1, 1), new int[] {0})).hasMessageContaining("[1, 1, 2, 2]");
    }
}
