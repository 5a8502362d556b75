package dev.hourglass.agent;

import java.time.Duration;

/** Waits between retries of a call to the control plane: doubling from 200 ms up to 5 s, reset on success. */
final class Backoff {

    static final Duration FIRST = Duration.ofMillis(200);
    static final Duration MAX = Duration.ofSeconds(5);

    private Duration next = FIRST;

    /** Sleeps the current wait and doubles the next one. */
    void pause() throws InterruptedException {
        Thread.sleep(next.toMillis());
        next = next.multipliedBy(2).compareTo(MAX) > 0 ? MAX : next.multipliedBy(2);
    }

    long nextMillis() {
        return next.toMillis();
    }

    void reset() {
        next = FIRST;
    }
}
