package dev.hourglass.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.protocol.WorkerSpec;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
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

        LauncherLifeline.watch(LAUNCHED_BY_AN_AGENT, 0, input, new PrintStream(log, true, StandardCharsets.UTF_8),
                stopped::countDown);
        launcher.write('x'); // anything written is ignored
        launcher.flush();
        assertThat(stopped.getCount()).isEqualTo(1);

        launcher.close(); // the agent is gone
        assertThat(stopped.await(1, TimeUnit.MINUTES)).isTrue();
        assertThat(log.toString(StandardCharsets.UTF_8)).startsWith("FAILURE: rank 0: the agent that launched this"
                + " job is gone");
    }

    @Test
    void aWorkerThatEndsByItselfIsNotStoppedNorBlamedOnItsLauncher() throws Exception {
        PipedOutputStream launcher = new PipedOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        CountDownLatch stopped = new CountDownLatch(1);
        LauncherLifeline.Watch watch = LauncherLifeline.watch(LAUNCHED_BY_AN_AGENT, 0,
                new PipedInputStream(launcher), new PrintStream(log, true, StandardCharsets.UTF_8),
                stopped::countDown);

        watch.release(); // done, or failing with its own FAILURE line
        launcher.close(); // mpirun closes the input as the job ends

        assertThat(stopped.await(2, TimeUnit.SECONDS)).isFalse();
        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void otherRanksAndLaunchesWithoutALifelineDoNotWatch() throws Exception {
        for (Map<String, String> environment : List.of(LAUNCHED_BY_AN_AGENT, Map.<String, String>of())) {
            int rank = environment.isEmpty() ? 0 : 1;
            PipedOutputStream launcher = new PipedOutputStream();
            CountDownLatch stopped = new CountDownLatch(1);
            LauncherLifeline.watch(environment, rank, new PipedInputStream(launcher),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), stopped::countDown);
            launcher.close();
            assertThat(stopped.await(2, TimeUnit.SECONDS)).as("rank %d, %s", rank, environment).isFalse();
        }
    }
}
