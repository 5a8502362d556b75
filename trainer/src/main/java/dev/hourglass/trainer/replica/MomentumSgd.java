package dev.hourglass.trainer.replica;

import dev.hourglass.recipe.ParameterKind;
import dev.hourglass.trainer.model.ParameterLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's momentum SGD over a flat parameter vector, in place (Goyal et al. 2017, eq. 9-10 and Remark 2):
 * {@code g += lambda * w} on the kinds the recipe decays, {@code v = m * (eta_t / eta_(t-1)) * v + eta_t * g},
 * {@code w -= v}. Every replica runs it on the same summed gradient, so every replica stays identical.
 */
public final class MomentumSgd {

    private final INDArray parameters;
    private final INDArray gradient;
    private final INDArray velocity;
    private final List<Decayed> decayed = new ArrayList<>();
    private final Level1 blas = Nd4j.getBlasWrapper().level1();

    /** A segment the recipe decays, with its views into the parameters and the gradient. */
    private record Decayed(double coefficient, INDArray parameters, INDArray gradient) {
    }

    /**
     * @param parameters  the network's flat parameter vector (1 x N), updated in place
     * @param gradient    its flat gradient vector (1 x N) at the same offsets
     * @param weightDecay the L2 coefficient of each kind (the recipe's weightDecayFor)
     */
    public MomentumSgd(INDArray parameters, INDArray gradient, ParameterLayout layout,
                ToDoubleFunction<ParameterKind> weightDecay) {
        this.parameters = parameters;
        this.gradient = gradient;
        this.velocity = Nd4j.zeros(parameters.dataType(), parameters.shape());
        for (ParameterLayout.Segment segment : layout.segments()) {
            if (!segment.role().trained()) {
                continue;
            }
            double coefficient = weightDecay.applyAsDouble(segment.role().kind());
            if (coefficient != 0) {
                decayed.add(new Decayed(coefficient, segment.of(parameters), segment.of(gradient)));
            }
        }
    }

    public void step(SgdStep step) {
        for (Decayed segment : decayed) {
            blas.axpy(segment.parameters().length(), segment.coefficient(), segment.parameters(), segment.gradient());
        }
        velocity.muli(step.momentum() * step.momentumCorrection());
        blas.axpy(velocity.length(), step.learningRate(), gradient, velocity);
        if (step.nesterov()) {
            // look ahead along the new velocity: w -= m * v + eta * g
            blas.axpy(parameters.length(), -step.momentum(), velocity, parameters);
            blas.axpy(parameters.length(), -step.learningRate(), gradient, parameters);
        } else {
            parameters.subi(velocity);
        }
    }

    public INDArray velocity() {
        return velocity;
    }
}
