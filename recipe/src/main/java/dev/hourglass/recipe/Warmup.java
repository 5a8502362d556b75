package dev.hourglass.recipe;

/**
 * The warmup phase of a plan: iterations {@code [0, iterations)} run below the peak rate.
 *
 * @param epochs the same length in epochs (fractional where it does not fall on an epoch boundary)
 */
public record Warmup(WarmupKind kind, double epochs, long iterations, double startLr) {
}
