package dev.hourglass.backend.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How far apart scheduling passes start: the configured gap, or more once passes grow long with the queue. */
class SchedulingTriggerGapTest {

    private static final long MIN_GAP = Duration.ofMillis(200).toNanos();

    @Test
    void shortPassesStartTheConfiguredGapApart() {
        assertThat(SchedulingTrigger.gapNanos(MIN_GAP, Duration.ofMillis(5).toNanos())).isEqualTo(MIN_GAP);
        assertThat(SchedulingTrigger.gapNanos(MIN_GAP, 0)).isEqualTo(MIN_GAP);
    }

    @Test
    void aLongPassSpacesTheNextSoThatTheSchedulerKeepsToAFifthOfACore() {
        long pass = Duration.ofMillis(120).toNanos();

        long gap = SchedulingTrigger.gapNanos(MIN_GAP, pass);

        assertThat(gap).isEqualTo(Duration.ofMillis(600).toNanos());
        assertThat((double) pass / gap).isEqualTo(0.2);
    }
}
