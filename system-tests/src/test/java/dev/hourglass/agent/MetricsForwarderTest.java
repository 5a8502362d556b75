package dev.hourglass.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's metrics forwarding against the real control plane: every point arrives once and in order,
 * across a restart of the agent and while the control plane is unreachable.
 */
@Tag("system")
class MetricsForwarderTest extends ControlPlaneTest {

    @TempDir
    Path run;

    private void append(Path metrics, int from, int to) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int i = from; i < to; i++) {
            lines.append("{\"name\":\"train.loss\",\"iteration\":").append(i).append(",\"value\":")
                    .append(1.0 / (i + 1)).append(",\"time\":").append(System.currentTimeMillis()).append("}\n");
        }
        Files.writeString(metrics, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void drain(MetricsForwarder forwarder) throws InterruptedException {
        Thread thread = new Thread(forwarder);
        thread.start();
        forwarder.drainAndStop();
        thread.join(Duration.ofSeconds(30).toMillis());
        assertThat(forwarder.finished()).as("forwarder drained within 30 s").isTrue();
    }

    /** The end offset of the batch the forwarder is sending, from its cursor file; -1 with none in flight. */
    private static long pendingEnd(Path cursor) throws IOException {
        if (!Files.exists(cursor)) {
            return -1;
        }
        Properties saved = new Properties();
        try (var in = Files.newInputStream(cursor)) {
            saved.load(in);
        }
        return Long.parseLong(saved.getProperty("pendingEnd", "-1"));
    }

    private JsonNode lossSeries(ApiClient member, long job) {
        return member.get("/api/v1/jobs/" + job + "/metrics?names=train.loss&points=100000").json()
                .get("series").get("train.loss");
    }

    private static void assertEveryIterationOnceInOrder(JsonNode series, int count) {
        assertThat(series).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(series.get(i).get("iteration").asLong()).isEqualTo(i);
        }
    }

    @Test
    void everyPointArrivesOnceAndInOrderAcrossARestartOfTheAgent() throws Exception {
        ApiClient member = newTeam(unique("forward"), 8);
        long job = member.post("/api/v1/jobs", job("forwarded", "resnet8", 32)).json().get("id").asLong();
        Path metrics = run.resolve("metrics.jsonl");
        Path cursor = run.resolve("metrics.cursor");
        ControlPlaneClient client = new ControlPlaneClient("http://127.0.0.1:" + port, AGENT_TOKEN);
        append(metrics, 0, 2_500);

        drain(new MetricsForwarder(job, metrics, cursor, client, Duration.ofMillis(20)));
        append(metrics, 2_500, 3_500);
        drain(new MetricsForwarder(job, metrics, cursor, client, Duration.ofMillis(20)));

        assertEveryIterationOnceInOrder(lossSeries(member, job), 3_500);
        assertThat(member.get("/api/v1/jobs/" + job).json().get("progress").get("iteration").asLong()).isEqualTo(3_499);
    }

    @Test
    void pointsWaitOnDiskWhileTheControlPlaneIsUnreachableAndArriveAfterwards() throws Exception {
        ApiClient member = newTeam(unique("outage"), 8);
        long job = member.post("/api/v1/jobs", job("outage", "resnet8", 32)).json().get("id").asLong();
        Path metrics = run.resolve("metrics.jsonl");
        Path cursor = run.resolve("metrics.cursor");
        append(metrics, 0, 1_500);

        MetricsForwarder unreachable = new MetricsForwarder(job, metrics, cursor,
                new ControlPlaneClient("http://127.0.0.1:1", AGENT_TOKEN), Duration.ofMillis(20));
        Thread thread = new Thread(unreachable);
        thread.start();
        // until a batch is in flight to the unreachable control plane: the cursor names its extent before each send
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .alias("the forwarder to try to send a batch").until(() -> pendingEnd(cursor) > 0);
        thread.interrupt();
        thread.join(Duration.ofSeconds(30).toMillis());
        assertThat(thread.isAlive()).as("forwarder stopped within 30 s of its interrupt").isFalse();
        assertThat(lossSeries(member, job)).isNull();

        append(metrics, 1_500, 2_000);
        drain(new MetricsForwarder(job, metrics, cursor,
                new ControlPlaneClient("http://127.0.0.1:" + port, AGENT_TOKEN), Duration.ofMillis(20)));

        assertEveryIterationOnceInOrder(lossSeries(member, job), 2_000);
    }
}
