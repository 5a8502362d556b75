package dev.hourglass.backend.metrics;

import dev.hourglass.backend.jobs.JobEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.hourglass.backend.system.DaemonThreads;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Forwards committed status changes and metric batches to live subscribers, and keeps idle streams alive. */
@Component
class JobEventRelay {

    static final long KEEP_ALIVE_SECONDS = 15;

    private final JobEventHub hub;
    private final ScheduledExecutorService keepAlive = DaemonThreads.single("sse-keep-alive");

    JobEventRelay(JobEventHub hub) {
        this.hub = hub;
        keepAlive.scheduleWithFixedDelay(hub::keepAlive, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    /** A batch of metric points, committed. */
    record MetricsStored(long jobId, MetricsEvent event) {
    }

    /** The data of a {@code metrics} SSE event. */
    record MetricsEvent(long sequence, java.util.List<MetricStore.StreamedPoint> points) {
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(JobEvents.StatusChanged changed) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("jobId", changed.jobId());
        data.put("status", changed.status());
        if (changed.reason() != null) {
            data.put("reason", changed.reason());
        }
        hub.publish(changed.jobId(), "status", null, data);
        if (changed.status().hasEnded()) {
            hub.end(changed.jobId());
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(MetricsStored stored) {
        hub.publish(stored.jobId(), "metrics", Long.toString(stored.event().sequence()), stored.event());
    }

    @PreDestroy
    void stop() {
        keepAlive.shutdownNow();
    }
}
