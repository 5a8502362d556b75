package dev.hourglass.trainer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.protocol.WorkerSpec;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Rank 0 stops the job when the input its launcher holds open ends; other ranks, and unmarked launches, do not watch. */
class LauncherLifelineTest {

    private static final Map<String, String> LAUNCHED_BY_AN_AGENT = Map.of(WorkerSpec.LIFELINE_VARIABLE,
            WorkerSpec.LIFELINE_STDIN);

    @Test
    void rankZeroStopsWhenTheLaunchersInputEnds() throws Exception {
        PipedOutputStream launcher = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(launcher);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        CountDownLatch stopped = new CountDownLatch(1);

        assertThat(LauncherLifeline.watch(LAUNCHED_BY_AN_AGENT, 0, input, new PrintStream(log, true,
                StandardCharsets.UTF_8), stopped::countDown)).isTrue();
        launcher.write('x'); // anything written is ignored
        launcher.flush();
        assertThat(stopped.getCount()).isEqualTo(1);

        launcher.close(); // the agent is gone
        assertThat(stopped.await(1, TimeUnit.MINUTES)).isTrue();
        assertThat(log.toString(StandardCharsets.UTF_8)).startsWith("FAILURE: rank 0: the agent that launched this"
                + " job is gone");
    }

    @Test
    void otherRanksAndLaunchesWithoutALifelineDoNotWatch() throws Exception {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(LauncherLifeline.watch(LAUNCHED_BY_AN_AGENT, 1, new PipedInputStream(), out, () -> { })).isFalse();
        assertThat(LauncherLifeline.watch(Map.of(), 0, new PipedInputStream(), out, () -> { })).isFalse();
    }
}
