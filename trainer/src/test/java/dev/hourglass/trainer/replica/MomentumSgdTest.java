package dev.hourglass.trainer.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.recipe.ParameterKind;
import dev.hourglass.trainer.engine.Nd4jCpuRuntime;
import dev.hourglass.trainer.model.ParameterLayout;
import dev.hourglass.trainer.model.ParameterRole;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The update of Goyal et al. (eq. 10 with Remark 2's correction), worked by hand on four parameters. */
class MomentumSgdTest {

    @BeforeAll
    static void cpuBackend() {
        Nd4jCpuRuntime.configure();
    }

    private static final ParameterLayout LAYOUT = new ParameterLayout(List.of(
            new ParameterLayout.Segment("w", 0, 1, ParameterRole.WEIGHT),
            new ParameterLayout.Segment("b", 1, 1, ParameterRole.BIAS),
            new ParameterLayout.Segment("gamma", 2, 1, ParameterRole.BN_GAMMA),
            new ParameterLayout.Segment("mean", 3, 1, ParameterRole.BN_RUNNING_STATISTIC)), 4);

    @Test
    void decaysWeightsOnlyAndRescalesTheMomentumWhenTheRateChanges() {
        INDArray w = Nd4j.create(new float[] {2, 2, 2, 5}, new long[] {1, 4}, 'c');
        INDArray g = Nd4j.create(new float[] {1, 1, 1, 0}, new long[] {1, 4}, 'c');
        MomentumSgd sgd = new MomentumSgd(w, g, LAYOUT, kind -> kind == ParameterKind.WEIGHT ? 0.5 : 0.0);

        sgd.step(new SgdStep(0.1, 0.9, 1.0, false));
        // weight: g' = 1 + 0.5 * 2 = 2, v = 0.1 * 2 = 0.2; bias and gamma: v = 0.1; the statistic is untouched
        assertThat(w.toFloatVector()).containsExactly(new float[] {1.8f, 1.9f, 1.9f, 5f}, within(1e-6f));

        g.assign(Nd4j.create(new float[] {1, 1, 1, 0}, new long[] {1, 4}, 'c'));
        sgd.step(new SgdStep(0.2, 0.9, 2.0, false));
        // weight: g' = 1 + 0.5 * 1.8 = 1.9, v = 0.9 * 2 * 0.2 + 0.2 * 1.9 = 0.74; others: v = 0.9 * 2 * 0.1 + 0.2 = 0.38
        assertThat(w.toFloatVector()).containsExactly(new float[] {1.06f, 1.52f, 1.52f, 5f}, within(1e-6f));
        assertThat(sgd.velocity().toFloatVector()).containsExactly(new float[] {0.74f, 0.38f, 0.38f, 0f}, within(1e-6f));
    }

    @Test
    void nesterovLooksAheadAlongTheNewVelocity() {
        INDArray w = Nd4j.create(new float[] {1, 1, 1, 0}, new long[] {1, 4}, 'c');
        INDArray g = Nd4j.create(new float[] {1, 1, 1, 0}, new long[] {1, 4}, 'c');
        MomentumSgd sgd = new MomentumSgd(w, g, LAYOUT, kind -> 0.0);

        sgd.step(new SgdStep(0.1, 0.9, 1.0, true));
        // v = 0.1; w -= 0.9 * 0.1 + 0.1 * 1
        assertThat(w.getFloat(0)).isCloseTo(1 - 0.19f, within(1e-6f));
    }
}
