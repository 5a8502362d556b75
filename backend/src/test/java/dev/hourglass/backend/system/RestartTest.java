package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.HourglassApplication;
import dev.hourglass.backend.scheduling.SchedulingService;
import dev.hourglass.backend.support.ApiClient;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default of {@code ./hourglass up} (PostgreSQL from a jar, data under HOURGLASS_HOME/db): the
 * control plane stops and starts again on the same files and has lost nothing — queue, allocations, usage.
 */
@Tag("system")
class RestartTest {

    private static final String TOKEN = "restart-admin-token-0123456789";

    @TempDir
    Path home;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(HourglassApplication.class).run(
                "--server.port=0",
                "--hourglass.home=" + home,
                "--hourglass.embedded-database=true",
                "--hourglass.agent-token=restart-agent-token",
                "--hourglass.bootstrap.admin-token=" + TOKEN,
                "--hourglass.bootstrap.team=demo");
    }

    private static ApiClient client(ConfigurableApplicationContext context, String token) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new ApiClient("http://127.0.0.1:" + port, token);
    }

    @Test
    void aRestartOnTheEmbeddedDatabaseLosesNothing() {
        long running;
        long queued;
        String usageBefore;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient admin = client(first, TOKEN);
            assertThat(admin.anonymous().get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
            client(first, "restart-agent-token").post("/api/v1/agent/nodes", Map.of("name", "node-a", "gpuCount", 8));
            running = admin.post("/api/v1/jobs", Map.of("name", "runs", "model", "resnet8", "dataset", "generated",
                    "kn", 256)).json().get("id").asLong();
            queued = admin.post("/api/v1/jobs", Map.of("name", "waits", "model", "resnet8", "dataset", "generated",
                    "kn", 256)).json().get("id").asLong();
            first.getBean(SchedulingService.class).runPass();
            assertThat(admin.get("/api/v1/jobs/" + running).json().get("status").asText()).isEqualTo("STARTING");
            usageBefore = admin.get("/api/v1/teams/demo/usage").json().get("gpusInUse").asText();
        }

        try (ConfigurableApplicationContext second = start()) {
            ApiClient admin = client(second, TOKEN);
            ApiClient.Response stillRunning = admin.get("/api/v1/jobs/" + running);
            assertThat(stillRunning.json().get("status").asText()).isEqualTo("STARTING");
            assertThat(stillRunning.json().get("allocation").get(0).get("node").asText()).isEqualTo("node-a");
            assertThat(admin.get("/api/v1/jobs/" + queued).json().get("status").asText()).isEqualTo("QUEUED");
            assertThat(admin.get("/api/v1/teams/demo/usage").json().get("gpusInUse").asText())
                    .isEqualTo(usageBefore).isEqualTo("8");
            assertThat(admin.get("/api/v1/me").json().get("username").asText()).isEqualTo("admin");
        }
    }
}
