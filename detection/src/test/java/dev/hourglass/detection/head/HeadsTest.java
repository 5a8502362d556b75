package dev.hourglass.detection.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.detection.GradientCheck;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Output shapes of the three heads, and their backward passes against finite differences of
 * {@code L = sum(output * R)} for fixed random R, whose gradient with respect to the outputs is R.
 */
class HeadsTest {

    private static final double TOLERANCE = 1e-6;
    /** SameDiff runs a forward pass in about 10 ms here: a few elements of each array keep the test fast. */
    private static final int SAMPLES = 6;

    private static double dot(INDArray a, INDArray b) {
        return a.mul(b).sumNumber().doubleValue();
    }

    @Test
    void rpnHeadGivesAObjectnessAnd4ADeltasPerLocationOnEveryLevel() {
        RpnHead head = new RpnHead(8, 3, 2, DataType.FLOAT, 1);

        RpnHead.Outputs out = head.forward(List.of(Nd4j.rand(DataType.FLOAT, 2, 8, 16, 12),
                Nd4j.rand(DataType.FLOAT, 2, 8, 8, 6)));

        assertThat(out.objectness().get(0).shape()).containsExactly(2, 3, 16, 12);
        assertThat(out.deltas().get(0).shape()).containsExactly(2, 12, 16, 12);
        assertThat(out.objectness().get(1).shape()).containsExactly(2, 3, 8, 6);
        assertThat(out.deltas().get(1).shape()).containsExactly(2, 12, 8, 6);
    }

    @Test
    void rpnHeadBackwardMatchesFiniteDifferencesForInputsAndSharedWeights() {
        RpnHead head = new RpnHead(3, 2, 2, DataType.DOUBLE, 2);
        List<INDArray> features = List.of(Nd4j.randn(DataType.DOUBLE, 2, 3, 4, 3),
                Nd4j.randn(DataType.DOUBLE, 2, 3, 2, 2));
        // larger weights than the init, so that the ReLUs are neither all off nor all on
        head.parameters().values().forEach(p -> p.assign(Nd4j.randn(DataType.DOUBLE, p.shape()).mul(0.5)));
        RpnHead.Outputs shapes = head.forward(features);
        List<INDArray> r = List.of(Nd4j.randn(DataType.DOUBLE, shapes.objectness().get(0).shape()),
                Nd4j.randn(DataType.DOUBLE, shapes.objectness().get(1).shape()));
        List<INDArray> q = List.of(Nd4j.randn(DataType.DOUBLE, shapes.deltas().get(0).shape()),
                Nd4j.randn(DataType.DOUBLE, shapes.deltas().get(1).shape()));
        DoubleSupplier loss = () -> {
            RpnHead.Outputs out = head.forward(features);
            return dot(out.objectness().get(0), r.get(0)) + dot(out.objectness().get(1), r.get(1))
                    + dot(out.deltas().get(0), q.get(0)) + dot(out.deltas().get(1), q.get(1));
        };

        HeadGradients gradients = head.backward(features, r, q);

        for (int l = 0; l < 2; l++) {
            GradientCheck.assertMatchesAt(loss, features.get(l), gradients.inputs().get(l), TOLERANCE, 4, l);
        }
        assertParameterGradientsMatch(head.parameters(), gradients, loss);
    }

    @Test
    void boxHeadGivesClassLogitsWithBackgroundAndClassSpecificDeltas() {
        BoxHead head = new BoxHead(16, 7, 64, 3, false, DataType.FLOAT, 1);

        BoxHead.Outputs out = head.forward(Nd4j.rand(DataType.FLOAT, 10, 16, 7, 7));

        assertThat(out.classLogits().shape()).containsExactly(10, 4);
        assertThat(out.deltas().shape()).containsExactly(10, 12);
    }

    @Test
    void boxHeadBackwardMatchesFiniteDifferences() {
        BoxHead head = new BoxHead(2, 3, 8, 3, true, DataType.DOUBLE, 2);
        INDArray rois = Nd4j.randn(DataType.DOUBLE, 4, 2, 3, 3);
        BoxHead.Outputs shapes = head.forward(rois);
        INDArray r = Nd4j.randn(DataType.DOUBLE, shapes.classLogits().shape());
        INDArray q = Nd4j.randn(DataType.DOUBLE, shapes.deltas().shape());
        DoubleSupplier loss = () -> {
            BoxHead.Outputs out = head.forward(rois);
            return dot(out.classLogits(), r) + dot(out.deltas(), q);
        };

        HeadGradients gradients = head.backward(rois, r, q);

        GradientCheck.assertMatchesAt(loss, rois, gradients.inputs().get(0), TOLERANCE, SAMPLES, 3);
        assertParameterGradientsMatch(head.parameters(), gradients, loss);
    }

    @Test
    void maskHeadDoublesTheResolutionAndGivesOneMaskPerClass() {
        MaskHead head = new MaskHead(8, 14, 4, 3, DataType.FLOAT, 1);

        INDArray logits = head.forward(Nd4j.rand(DataType.FLOAT, 5, 8, 14, 14));

        assertThat(logits.shape()).containsExactly(5, 3, 28, 28);
    }

    @Test
    void maskHeadBackwardIncludingTheDeconvolutionMatchesFiniteDifferences() {
        MaskHead head = new MaskHead(2, 4, 2, 2, DataType.DOUBLE, 2);
        head.parameters().values().forEach(p -> p.assign(Nd4j.randn(DataType.DOUBLE, p.shape()).mul(0.5)));
        INDArray rois = Nd4j.randn(DataType.DOUBLE, 2, 2, 4, 4);
        INDArray r = Nd4j.randn(DataType.DOUBLE, head.forward(rois).shape());
        DoubleSupplier loss = () -> dot(head.forward(rois), r);

        HeadGradients gradients = head.backward(rois, r);

        GradientCheck.assertMatchesAt(loss, rois, gradients.inputs().get(0), TOLERANCE, SAMPLES, 4);
        assertParameterGradientsMatch(head.parameters(), gradients, loss);
    }

    @Test
    void narrowHeadsStartFromFanInScaledWeightsSoThatTheirLowerLayersGetAGradientFromTheFirstStep() {
        // Detectron's absolute N(0, 0.01) and N(0, 0.001) were chosen for 256-channel heads; at the small model's 32
        // channels they left the RPN's hidden layer ~8x too weak and the mask convolutions with no gradient
        RpnHead rpn = new RpnHead(32, 3, 3, DataType.FLOAT, 1);
        MaskHead mask = new MaskHead(32, 14, 2, 3, DataType.FLOAT, 1);

        assertThat(rpn.parameters().get("rpn/conv/w").stdNumber().doubleValue())
                .isCloseTo(Math.sqrt(2.0 / (9 * 32)), org.assertj.core.api.Assertions.withinPercentage(10));
        assertThat(mask.parameters().get("mask/predictor/w").stdNumber().doubleValue())
                .isCloseTo(Math.sqrt(2.0 / 32), org.assertj.core.api.Assertions.withinPercentage(25));
    }

    private static void assertParameterGradientsMatch(Map<String, INDArray> parameters, HeadGradients gradients,
            DoubleSupplier loss) {
        assertThat(gradients.parameters()).containsOnlyKeys(parameters.keySet());
        long seed = 10;
        for (Map.Entry<String, INDArray> parameter : parameters.entrySet()) {
            GradientCheck.assertMatchesAt(loss, parameter.getValue(), gradients.parameters().get(parameter.getKey()),
                    TOLERANCE, 2, seed++);
        }
    }
}
