package dev.hourglass.protocol;

/**
 * The answer to a metric batch.
 *
 * @param stored        false when the batch had arrived before
 * @param nextSequence  the sequence the control plane expects next
 */
public record MetricBatchReceipt(boolean stored, long nextSequence) {
}
