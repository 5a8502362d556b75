package dev.hourglass.trainer.replica;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What a checkpoint keeps of a replica: its flat parameters (BN running statistics included) and momentum. */
public record ReplicaState(float[] parameters, float[] momentum) {

    /** A copy of a replica's flat parameter and momentum vectors. */
    public static ReplicaState of(INDArray parameters, INDArray momentum) {
        return new ReplicaState(parameters.toFloatVector(), momentum.toFloatVector());
    }

    /** Writes this state into a replica's flat vectors, which must have its length. */
    public void copyInto(INDArray parameters, INDArray momentum) {
        if (this.parameters.length != parameters.length() || this.momentum.length != parameters.length()) {
            throw new IllegalArgumentException("a state of " + this.parameters.length + " parameters does not fit a"
                    + " model of " + parameters.length());
        }
        parameters.assign(Nd4j.create(this.parameters, parameters.shape(), 'c'));
        momentum.assign(Nd4j.create(this.momentum, parameters.shape(), 'c'));
    }
}
