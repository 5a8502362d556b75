package dev.hourglass.recipe;

/**
 * One step decay: from {@code iteration} on, the rate is {@code lr}.
 *
 * @param momentumCorrection eta_new / eta_old at this change, the factor applied to the momentum buffer
 *                           (the paper's Remark 2)
 */
public record LrStep(double epoch, long iteration, double lr, double momentumCorrection) {
}
