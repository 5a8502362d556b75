package dev.hourglass.trainer.replica;

/**
 * One iteration's optimiser settings, all from the recipe.
 *
 * @param learningRate       eta_t
 * @param momentum           m (0.9)
 * @param momentumCorrection eta_t / eta_(t-1), which scales the momentum buffer (Remark 2)
 * @param nesterov           Nesterov momentum instead of plain
 */
public record SgdStep(double learningRate, double momentum, double momentumCorrection, boolean nesterov) {
}
