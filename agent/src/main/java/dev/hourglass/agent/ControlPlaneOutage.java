package dev.hourglass.agent;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the control plane answers, as this agent's calls find out: one log line when it stops (unreachable, or
 * answering 5xx while its database is down) and one when it answers again. The callers retry with backoff and say
 * nothing themselves about such failures, which would otherwise fill the log with a line per heartbeat, poll and
 * metric batch for as long as the outage lasts.
 */
final class ControlPlaneOutage {

    private static final Logger log = LoggerFactory.getLogger(ControlPlaneOutage.class);

    private final String controlPlane;
    private Instant since;
    private long failedCalls;

    ControlPlaneOutage(String controlPlane) {
        this.controlPlane = controlPlane;
    }

    synchronized void failed(String why) {
        failedCalls++;
        if (since == null) {
            since = Instant.now();
            log.warn("the control plane at {} is unavailable ({}); retrying with backoff, quiet until it answers"
                    + " again", controlPlane, why);
        }
    }

    synchronized void answered() {
        if (since != null) {
            log.info("the control plane at {} answers again after {} s; {} calls failed meanwhile", controlPlane,
                    Duration.between(since, Instant.now()).toSeconds(), failedCalls);
            since = null;
            failedCalls = 0;
        }
    }
}
