package dev.hourglass.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.HourglassApplication;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.TestDatabase;
import dev.hourglass.protocol.MetricPoint;
import dev.hourglass.protocol.WorkerSpec;
import dev.hourglass.trainer.data.GeneratedImageSet;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL is the only source of truth: the control plane stops in the middle of a job and starts again on
 * the same database, and the job trains on, its metrics buffered by the launching agent and delivered after the
 * restart, none lost and none twice.
 */
@Tag("system")
class ControlPlaneRestartTest {

    private static final String ADMIN_TOKEN = "restart-admin-token-0123456789";
    private static final String AGENT_TOKEN = "restart-agent-token-0123456789";
    private static final Duration OUTAGE = Duration.ofSeconds(6); // twice the 3 heartbeats that make a node LOST
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<LocalAgent> agents = new ArrayList<>();
    private ConfigurableApplicationContext controlPlane;
    private int port;
    // not the JVM's shared database: the control planes other test classes keep cached would watch these nodes too
    private final TestDatabase database = TestDatabase.fresh();

    @AfterEach
    void stop() {
        agents.forEach(LocalAgent::close);
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    private ConfigurableApplicationContext startControlPlane() {
        return new SpringApplicationBuilder(HourglassApplication.class).run(
                "--server.port=" + port,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--hourglass.heartbeat-interval=1s",
                "--hourglass.agent-token=" + AGENT_TOKEN,
                "--hourglass.bootstrap.admin-token=" + ADMIN_TOKEN,
                "--hourglass.home=" + dir.resolve("home"));
    }

    @Test
    void aJobKeepsTrainingAcrossARestartAndNoMetricPointIsLostOrDoubled() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        controlPlane = startControlPlane();
        ApiClient admin = new ApiClient("http://127.0.0.1:" + port, ADMIN_TOKEN);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String team = "restart-" + suffix;
        assertThat(admin.post("/api/v1/teams", Map.of("name", team, "quotaGpus", 16)).status()).isEqualTo(201);
        for (int i = 0; i < 2; i++) {
            agents.add(LocalAgent.start("http://127.0.0.1:" + port, AGENT_TOKEN, "restart-" + suffix + "-" + i, dir,
                    dir.resolve("data")));
        }
        Path dataset = GeneratedImageSet.write(dir.resolve("shapes"), 64, 8, GeneratedImageSet.SIZE, 5);
        await("both agents registered", Duration.ofSeconds(30), () -> agents.stream().allMatch(agent ->
                admin.get("/api/v1/nodes/" + agent.node()).json().path("state").asText().equals("READY")));
        JsonNode submitted = admin.post("/api/v1/jobs", Map.of("name", "survives", "team", team, "model", "resnet8",
                "dataset", dataset.toString(), "datasetSize", 512, "kn", 32, "perGpuBatch", 2, "epochs", 8)).json();
        long id = submitted.get("id").asLong();
        int iterations = submitted.get("recipe").get("totalIterations").asInt();
        await("training under way", Duration.ofMinutes(3), () -> losses(admin, id).size() >= 10);

        List<Long> delivered = losses(admin, id);
        controlPlane.close();
        // The outage lasts longer than the missed heartbeats that make a node LOST, which the restart must survive
        // (a set length: the thing under test), and until the launching agent holds loss points beyond those the
        // control plane had just before it stopped (an event: training went on), to deliver after the restart.
        Awaitility.await().pollDelay(OUTAGE).atMost(OUTAGE.plus(Duration.ofMinutes(3)))
                .pollInterval(Duration.ofMillis(250)).alias("loss points written while the control plane is down")
                .until(() -> delivered.size() == iterations || lossesWritten(id).size() > delivered.size());
        controlPlane = startControlPlane();

        await("the job to succeed", Duration.ofMinutes(5), () -> {
            String status = admin.get("/api/v1/jobs/" + id).json().get("status").asText();
            assertThat(status).as("job %d: %s; agents' logs:%n%s", id,
                    admin.get("/api/v1/jobs/" + id).json().path("failureReason"), agentLogs())
                    .isIn("STARTING", "RUNNING", "SUCCEEDED");
            return status.equals("SUCCEEDED");
        });
        assertThat(losses(admin, id)).as("every iteration's loss, once and in order, across the restart")
                .containsExactlyElementsOf(LongStream.range(0, iterations).boxed().toList());
    }

    private String agentLogs() {
        StringBuilder logs = new StringBuilder();
        for (LocalAgent agent : agents) {
            try {
                String log = agent.log();
                logs.append(agent.node()).append(":\n").append(log, Math.max(0, log.length() - 4000), log.length());
            } catch (java.io.IOException e) {
                logs.append(agent.node()).append(": ").append(e);
            }
        }
        return logs.toString();
    }

    private static List<Long> losses(ApiClient client, long id) {
        JsonNode points = client.get("/api/v1/jobs/" + id + "/metrics?names=train.loss&points=100000").json()
                .get("series").path("train.loss");
        return StreamSupport.stream(points.spliterator(), false).map(p -> p.get("iteration").asLong()).toList();
    }

    /** The iterations whose loss the job's rank 0 has written to its metrics file: the launching agent's buffer. */
    private Set<Long> lossesWritten(long id) throws IOException {
        Set<Long> iterations = new HashSet<>();
        for (LocalAgent agent : agents) {
            Path metrics = agent.runDirectory(id).resolve(WorkerSpec.METRICS_FILE_NAME);
            if (!Files.exists(metrics)) {
                continue;
            }
            for (String line : Files.readAllLines(metrics)) {
                try {
                    MetricPoint point = JSON.readValue(line, MetricPoint.class);
                    if (point.name().equals("train.loss")) {
                        iterations.add(point.iteration());
                    }
                } catch (JsonProcessingException torn) {
                    // the line being written
                }
            }
        }
        return iterations;
    }

    /** Until {@code condition} holds; an exception it throws (an assertion that fails fast) ends the wait at once. */
    private static void await(String what, Duration limit, BooleanSupplier condition) {
        Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(250)).alias("waiting for " + what)
                .until(condition::getAsBoolean);
    }
}
