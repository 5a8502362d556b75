package dev.hourglass.agent;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the control plane until it answers: it may be restarting, and a report must not be lost. */
final class Retry {

    private static final Logger log = LoggerFactory.getLogger(Retry.class);
    interface Call {
        void run() throws IOException;
    }

    private Retry() {
    }

    static void untilDone(String what, Call call) throws InterruptedException {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                call.run();
                return;
            } catch (ControlPlaneClient.ControlPlaneException e) {
                if (e.status() / 100 == 4) {
                    log.warn("{}: refused, not retrying: {}", what, e.getMessage());
                    return;
                }
                log.debug("{}: {}; retrying in {} ms", what, e.getMessage(), backoff.nextMillis());
            } catch (IOException e) {
                log.warn("{}: {}; retrying in {} ms", what, e.getMessage(), backoff.nextMillis());
            }
            backoff.pause();
        }
    }
}
