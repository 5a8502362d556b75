package dev.hourglass.recipe;

/** The learning rate of one iteration (0-based), as {@link RecipePlan#learningRateCurve()} lists it. */
public record LrPoint(long iteration, double lr) {
}
