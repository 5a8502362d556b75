package dev.hourglass.backend.idempotency;

import dev.hourglass.backend.system.DaemonThreads;
import dev.hourglass.backend.system.DatabaseOutage;
import dev.hourglass.backend.system.HourglassProperties;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Forgets, once an hour, the Idempotency-Keys used longer ago than {@code hourglass.idempotency-retention}. */
@Component
class IdempotencyKeyExpiry {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyExpiry.class);

    private final IdempotencyKeys keys;
    private final HourglassProperties properties;
    private final DatabaseOutage outage;
    private final ScheduledExecutorService executor = DaemonThreads.single("idempotency-key-expiry");

    IdempotencyKeyExpiry(IdempotencyKeys keys, HourglassProperties properties, DatabaseOutage outage) {
        this.keys = keys;
        this.properties = properties;
        this.outage = outage;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        executor.scheduleWithFixedDelay(this::forgetExpired, 0, 1, TimeUnit.HOURS);
    }

    int forgetExpired() {
        try {
            return keys.forgetOlderThan(properties.idempotencyRetention());
        } catch (RuntimeException e) {
            if (DatabaseOutage.isUnreachable(e)) {
                outage.failed(e);
            } else {
                log.warn("forgetting expired idempotency keys failed; the next hour retries", e);
            }
            return 0;
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
