package dev.hourglass.trainer.model;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Softmax cross-entropy that also counts the top-1 mistakes of the minibatch it scores, so the trainer reports
 * the training error of the very forward pass it trains on: DL4J clears the output layer's input after backprop,
 * and a second forward pass would cost a third of a step.
 */
public final class SoftmaxCrossEntropy extends LossMCXENT {

    private volatile int lastMistakes;
    private volatile int lastExamples;

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        INDArray predicted = Nd4j.argMax(preOutput, 1);
        INDArray actual = Nd4j.argMax(labels, 1);
        lastMistakes = predicted.neq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().intValue();
        lastExamples = (int) labels.size(0);
        return super.computeScore(labels, preOutput, activationFn, mask, average);
    }

    /** Top-1 mistakes in the minibatch last scored. */
    public int lastMistakes() {
        return lastMistakes;
    }

    public int lastExamples() {
        return lastExamples;
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy()";
    }
}
