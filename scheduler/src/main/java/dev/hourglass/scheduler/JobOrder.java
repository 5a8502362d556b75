package dev.hourglass.scheduler;

import java.util.Comparator;

/** The order in which a pass considers jobs: higher priority first, then earlier submission, then lower id. */
final class JobOrder {

    // Written out rather than chained with thenComparing: it runs ~130,000 times per pass over 10,000 jobs.
    static final Comparator<QueuedJob> SCHEDULING = (a, b) -> {
        if (a.priority() != b.priority()) {
            return Integer.compare(b.priority(), a.priority());
        }
        if (a.submittedAt() != b.submittedAt()) {
            return Long.compare(a.submittedAt(), b.submittedAt());
        }
        return Long.compare(a.id(), b.id());
    };

    private JobOrder() {
    }
}
