package dev.hourglass.backend.metrics;

import dev.hourglass.backend.jobs.JobLifecycle;
import dev.hourglass.protocol.MetricBatch;
import dev.hourglass.protocol.MetricBatchReceipt;
import dev.hourglass.protocol.MetricPoint;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ingests agents' metric batches: stored once, progress advanced, live subscribers told after commit. */
@Service
public class MetricsService {

    private final MetricStore store;
    private final JobLifecycle jobs;
    private final ApplicationEventPublisher events;

    public MetricsService(MetricStore store, JobLifecycle jobs, ApplicationEventPublisher events) {
        this.store = store;
        this.jobs = jobs;
        this.events = events;
    }

    @Transactional
    public MetricBatchReceipt ingest(long jobId, MetricBatch batch) {
        MetricBatchReceipt receipt = store.store(jobId, batch);
        if (receipt.stored() && !batch.points().isEmpty()) {
            long reached = batch.points().stream().mapToLong(MetricPoint::iteration).max().orElse(0);
            jobs.progressed(jobId, reached);
            List<MetricStore.StreamedPoint> points = batch.points().stream()
                    .map(p -> new MetricStore.StreamedPoint(batch.sequence(), p.name(), p.iteration(), p.value(), p.time()))
                    .toList();
            events.publishEvent(new JobEventRelay.MetricsStored(jobId,
                    new JobEventRelay.MetricsEvent(batch.sequence(), points)));
        }
        return receipt;
    }
}
