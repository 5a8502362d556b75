package dev.hourglass.trainer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class CollectiveWatchdogTest {

    @Test
    void aCollectiveThatDoesNotCompleteIsReportedWithTheRankAndTheIteration() throws Exception {
        AtomicReference<String> reason = new AtomicReference<>();
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch peerNeverAnswers = new CountDownLatch(1);
        try (CollectiveWatchdog watchdog = new CollectiveWatchdog(Duration.ofMillis(200), 3, message -> {
            reason.set(message);
            reported.countDown();
            peerNeverAnswers.countDown(); // the worker halts here; the test lets the collective go instead
        })) {
            watchdog.guard("the gradient allreduce", 17, () -> await(peerNeverAnswers));
        }
        assertThat(reported.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(reason.get()).isEqualTo("rank 3: the gradient allreduce of iteration 17 did not complete within 200 ms;"
                + " a peer rank stopped making progress");
    }

    @Test
    void collectivesThatCompleteInTimeAreNotReported() {
        AtomicReference<String> reason = new AtomicReference<>();
        // collectives that take a while (the sleep is the collective under test) and end far within the timeout:
        // a loaded machine that stretches a 100 ms collective does not stretch it to 30 s
        try (CollectiveWatchdog watchdog = new CollectiveWatchdog(Duration.ofSeconds(30), 0, reason::set)) {
            for (int i = 0; i < 5; i++) {
                watchdog.guard("the gradient allreduce", i, () -> sleep(100));
            }
        }
        assertThat(reason.get()).isNull();
    }

    @Test
    void idleTimeBetweenCollectivesIsNotAHang() {
        AtomicReference<String> reason = new AtomicReference<>();
        // a timeout no stall of a loaded machine between two adjacent writes in guard() comes near
        try (CollectiveWatchdog watchdog = new CollectiveWatchdog(Duration.ofSeconds(3), 0, reason::set)) {
            watchdog.guard("the gradient allreduce", 0, () -> { }); // a collective that ends at once
            // an absence, which no event marks: the watchdog stays quiet for longer than its timeout after the collective
            Awaitility.await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(20))
                    .alias("no report while idle between collectives").until(() -> reason.get() == null);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
