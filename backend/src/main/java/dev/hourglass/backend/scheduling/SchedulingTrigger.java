package dev.hourglass.backend.scheduling;

import dev.hourglass.backend.jobs.JobEvents;
import dev.hourglass.backend.nodes.NodeService;
import dev.hourglass.backend.system.DaemonThreads;
import dev.hourglass.backend.system.DatabaseOutage;
import dev.hourglass.backend.system.HourglassProperties;
import dev.hourglass.backend.teams.TeamService;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs a scheduling pass soon after anything that can change a decision commits (a submission, a job's end,
 * a quota or node change), and every {@code hourglass.scheduler-interval} regardless. Passes start at least
 * {@code hourglass.scheduler-min-gap} apart, and at least {@value #GAP_PER_PASS_TIME} times as long as the last
 * pass took, so that the scheduler keeps to a fifth of a core however long the queue grows; requests that arrive
 * meanwhile fold into the next one, so a burst of submissions costs a few passes, not one each (a pass per
 * submission halved the submission rate; a pass every 200 ms over 20,000 queued jobs took a third of the control
 * plane's time).
 */
@Component
class SchedulingTrigger {

    private static final Logger log = LoggerFactory.getLogger(SchedulingTrigger.class);

    private final SchedulingService scheduling;
    private final DatabaseOutage outage;
    private final Timer passTime;
    private final long intervalMillis;
    private final long minGapNanos;
    static final int GAP_PER_PASS_TIME = 5;

    private volatile long lastPassStarted = System.nanoTime() - Long.MAX_VALUE / 2;
    private volatile long lastPassNanos;
    private final ScheduledExecutorService executor = DaemonThreads.single("scheduler");
    private final AtomicBoolean pending = new AtomicBoolean();

    SchedulingTrigger(SchedulingService scheduling, HourglassProperties properties, DatabaseOutage outage,
                      MeterRegistry meters) {
        this.scheduling = scheduling;
        this.outage = outage;
        this.passTime = Timer.builder("hourglass.scheduler.pass").description("scheduling passes and their time")
                .register(meters);
        this.intervalMillis = properties.schedulerInterval().toMillis();
        this.minGapNanos = properties.schedulerMinGap().toNanos();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        executor.scheduleWithFixedDelay(this::request, 0, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(JobEvents.Submitted event) {
        request();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(JobEvents.Ended event) {
        request();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(TeamService.QuotaChanged event) {
        request();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(NodeService.CapacityChanged event) {
        request();
    }

    void request() {
        if (pending.compareAndSet(false, true)) {
            long wait = Math.max(0, lastPassStarted + gapNanos(minGapNanos, lastPassNanos) - System.nanoTime());
            executor.schedule(this::pass, wait, TimeUnit.NANOSECONDS);
        }
    }

    /** The least time from the start of one pass to the start of the next, after a pass that took {@code lastPass}. */
    static long gapNanos(long minGapNanos, long lastPassNanos) {
        return Math.max(minGapNanos, GAP_PER_PASS_TIME * lastPassNanos);
    }

    private void pass() {
        pending.set(false);
        lastPassStarted = System.nanoTime();
        try {
            passTime.record(scheduling::runPass);
            lastPassNanos = System.nanoTime() - lastPassStarted;
            outage.succeeded();
        } catch (RuntimeException e) {
            if (DatabaseOutage.isUnreachable(e)) {
                outage.failed(e);
            } else {
                log.error("scheduling pass failed; the next one retries", e);
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
