package dev.hourglass.bench;

import java.util.Arrays;

/** Median and 99th percentile (nearest rank) of repeated measurements, in milliseconds. */
public record Timing(int samples, double medianMs, double p99Ms) {

    public static Timing ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no measurements to summarise; take at least one");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Timing(sorted.length, millis(nearestRank(sorted, 0.50)), millis(nearestRank(sorted, 0.99)));
    }

    private static long nearestRank(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    // Rounded to the microsecond: finer digits are noise at these durations.
    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
