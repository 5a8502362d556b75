package dev.hourglass.scheduler;

import java.util.Comparator;

/** The order in which a pass considers jobs: higher priority first, then earlier submission, then lower id. */
final class JobOrder {

    static final Comparator<QueuedJob> SCHEDULING = Comparator
            .comparingInt(QueuedJob::priority).reversed()
            .thenComparingLong(QueuedJob::submittedAt)
            .thenComparingLong(QueuedJob::id);

    private JobOrder() {
    }
}
