package dev.hourglass.protocol;

/**
 * One value of one series at one iteration, e.g. {@code train.loss} at iteration 120.
 *
 * @param time epoch milliseconds when the worker measured it
 */
public record MetricPoint(String name, long iteration, double value, long time) {
}
