package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hourglass.backend.HourglassApplication;
import dev.hourglass.backend.support.ApiClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The control plane on an external PostgreSQL that stops and comes back: meanwhile every API call answers 503 with
 * Retry-After in problem+json (not a 500 after half a minute), the log says so once instead of a stack trace per
 * call, and a node whose heartbeats could not be stored is not declared lost when the database returns.
 */
@ExtendWith(OutputCaptureExtension.class)
@Tag("system")
class DatabaseOutageTest {

    private static final String ADMIN_TOKEN = "outage-admin-token-0123456789";
    private static final String AGENT_TOKEN = "outage-agent-token-0123456789";
    private static final String UNREACHABLE = "the database is unreachable";

    @TempDir
    Path data;

    @Test
    void duringAnOutageCallsAnswer503AtOnceTheLogSaysSoOnceAndNoNodeIsLost(CapturedOutput output) throws Exception {
        int port = freePort();
        EmbeddedPostgres database = startDatabase(port);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(HourglassApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                "--spring.datasource.username=postgres",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--hourglass.agent-token=" + AGENT_TOKEN,
                "--hourglass.bootstrap.admin-token=" + ADMIN_TOKEN,
                "--hourglass.bootstrap.team=demo",
                "--hourglass.heartbeat-interval=1s")) {
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            ApiClient admin = new ApiClient(base, ADMIN_TOKEN);
            ApiClient agent = new ApiClient(base, AGENT_TOKEN);
            assertThat(agent.post("/api/v1/agent/nodes", Map.of("name", "node-a", "gpuCount", 8)).status())
                    .isEqualTo(200);
            long jobsBefore = admin.get("/api/v1/jobs").json().get("total").asLong();

            database.close();
            for (int call = 0; call < 3; call++) {
                assertUnavailable(admin.get("/api/v1/jobs"));
                assertUnavailable(admin.post("/api/v1/jobs", Map.of("name", "during", "model", "resnet8",
                        "dataset", "generated", "kn", 32)));
                assertUnavailable(agent.post("/api/v1/agent/nodes/node-a/heartbeat", Map.of()));
            }
            // background passes fail too (node health each second, the scheduler each 2 s): wait for 8 of them,
            // so that the outage outlasts the 3 missed heartbeats after which a silent node is lost
            DatabaseOutage outage = app.getBean(DatabaseOutage.class);
            await().atMost(Duration.ofMinutes(1)).until(() -> outage.failedCalls() >= 9 + 8);

            database = startDatabase(port);
            await().atMost(Duration.ofMinutes(1)).until(() -> admin.get("/api/v1/jobs").status() == 200);
            assertThat(agent.post("/api/v1/agent/nodes/node-a/heartbeat", Map.of()).status()).isEqualTo(200);
            await().atMost(Duration.ofMinutes(1)).until(() -> output.getOut().contains("the database answers again"));

            assertThat(admin.get("/api/v1/nodes/node-a").json().get("state").asText()).isEqualTo("READY");
            assertThat(admin.get("/api/v1/jobs").json().get("total").asLong()).isEqualTo(jobsBefore);
            String duringOutage = output.getOut().substring(output.getOut().indexOf(UNREACHABLE));
            assertThat(count(output.getOut(), UNREACHABLE)).isEqualTo(1);
            assertThat(duringOutage).doesNotContain("\tat ").doesNotContain("ERROR");
        } finally {
            database.close();
        }
    }

    private static void assertUnavailable(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(response.detail()).contains("the database is unavailable");
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private EmbeddedPostgres startDatabase(int port) throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(data).setCleanDataDirectory(false).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
