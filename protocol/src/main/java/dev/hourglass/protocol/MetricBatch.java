package dev.hourglass.protocol;

import java.util.List;

/**
 * Metric points of one job in the order the worker produced them: {@code POST /api/v1/agent/jobs/{id}/metrics}.
 * Sequences start at 1 and have no gaps; a batch sent again (same sequence) is acknowledged and not stored
 * twice, so an agent can resend everything it is not sure arrived.
 */
public record MetricBatch(long sequence, List<MetricPoint> points) {
}
