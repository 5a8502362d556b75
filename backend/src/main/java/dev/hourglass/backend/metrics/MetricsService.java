package dev.hourglass.backend.metrics;

import dev.hourglass.backend.jobs.JobLifecycle;
import dev.hourglass.protocol.MetricBatch;
import dev.hourglass.protocol.MetricBatchReceipt;
import dev.hourglass.protocol.MetricPoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ingests agents' metric batches: stored once, progress advanced, live subscribers told after commit. */
@Service
public class MetricsService {

    private final MetricStore store;
    private final JobLifecycle jobs;
    private final ApplicationEventPublisher events;
    private final Counter pointsIngested;
    private final Timer ingestLag;

    public MetricsService(MetricStore store, JobLifecycle jobs, ApplicationEventPublisher events,
                          MeterRegistry meters) {
        this.store = store;
        this.jobs = jobs;
        this.events = events;
        this.pointsIngested = Counter.builder("hourglass.metrics.points.ingested")
                .description("training metric points stored (each once, however often its batch was sent)")
                .register(meters);
        this.ingestLag = Timer.builder("hourglass.metrics.ingest.lag")
                .description("from the newest point of a batch being measured on a node to its batch being stored")
                .register(meters);
    }

    @Transactional
    public MetricBatchReceipt ingest(long jobId, MetricBatch batch) {
        MetricBatchReceipt receipt = store.store(jobId, batch);
        if (receipt.stored() && !batch.points().isEmpty()) {
            pointsIngested.increment(batch.points().size());
            long newest = batch.points().stream().mapToLong(MetricPoint::time).max().orElseThrow();
            ingestLag.record(Math.max(0, System.currentTimeMillis() - newest), TimeUnit.MILLISECONDS);
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
