package dev.hourglass.backend.monitoring;

import dev.hourglass.backend.jobs.JobEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Counts what happened, from the events the services publish once their change commits. */
@Component
class ServiceCounters {

    private final MeterRegistry registry;

    ServiceCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(JobEvents.Submitted submitted) {
        Counter.builder("hourglass.jobs.submitted").description("jobs submitted, per team")
                .tag("team", submitted.team()).register(registry).increment();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(JobEvents.Ended ended) {
        Counter.builder("hourglass.jobs.ended").description("jobs that ended, per final status")
                .tag("status", ended.status().name()).register(registry).increment();
    }
}
