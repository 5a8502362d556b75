package dev.hourglass.trainer.replica;

/**
 * A minibatch's outcome on one replica.
 *
 * @param lossSum  the sum over its examples of each example's cross-entropy
 * @param mistakes examples whose top-1 prediction was wrong
 */
public record BatchResult(double lossSum, int mistakes, int examples) {
}
