package dev.hourglass.trainer.worker;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Turns a collective that never completes (a peer rank hung or its host vanished) into a failure naming this
 * rank and the step, instead of a job that hangs forever: MPI's blocking calls cannot be interrupted, so a
 * daemon thread watches the deadline and, once it passes, reports and ends the process.
 */
final class CollectiveWatchdog implements AutoCloseable {

    private final Duration timeout;
    private final int rank;
    private final Consumer<String> onTimeout;
    private final Thread watcher;
    private volatile long deadline = Long.MAX_VALUE;
    private volatile String current = "";
    private volatile boolean closed;

    /** @param onTimeout given the failure's sentence; in the worker it prints it and halts the process */
    CollectiveWatchdog(Duration timeout, int rank, Consumer<String> onTimeout) {
        this.timeout = timeout;
        this.rank = rank;
        this.onTimeout = onTimeout;
        this.watcher = new Thread(this::watch, "collective-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Runs {@code collective}, described as e.g. "the gradient allreduce", for iteration {@code iteration}. */
    void guard(String what, long iteration, Runnable collective) {
        current = what + " of iteration " + iteration;
        deadline = System.nanoTime() + timeout.toNanos();
        try {
            collective.run();
        } finally {
            deadline = Long.MAX_VALUE;
        }
    }

    private void watch() {
        long tick = Math.max(1, Math.min(100, timeout.toMillis() / 10));
        while (!closed) {
            if (System.nanoTime() > deadline) {
                deadline = Long.MAX_VALUE;
                onTimeout.accept("rank " + rank + ": " + current + " did not complete within "
                        + (timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms")
                        + "; a peer rank stopped making progress");
            }
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
    }
}
