package dev.hourglass.backend.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.HourglassApplication;
import dev.hourglass.backend.scheduling.SchedulingService;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The control plane on a random port over a real PostgreSQL. Tests share one database per JVM, so each
 * creates its own teams and users (see {@link #newTeam}) and asserts on them, not on global counts.
 */
@SpringBootTest(classes = HourglassApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// the service's own metrics at /actuator/prometheus, as in production (Spring's tests leave them off by default)
@AutoConfigureObservability(tracing = false)
// Test nodes send no heartbeats (NodeHealthTest drives the monitor itself); a subclass with real agents
// overrides this with a @DynamicPropertySource.
@TestPropertySource(properties = "hourglass.heartbeat-interval=" + ControlPlaneTest.HEARTBEAT_INTERVAL)
public abstract class ControlPlaneTest {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    public static final String AGENT_TOKEN = "test-agent-token-0123456789";
    public static final String METRICS_TOKEN = "test-metrics-token-0123456789";
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin-password";
    /** The browser password of the users {@link #newLogin} creates. */
    public static final String PASSWORD = "a-long-password";
    public static final String HEARTBEAT_INTERVAL = "1h";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected SchedulingService scheduling;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestDatabase.get().url());
        registry.add("spring.datasource.username", () -> TestDatabase.get().user());
        registry.add("hourglass.agent-token", () -> AGENT_TOKEN);
        registry.add("hourglass.metrics-token", () -> METRICS_TOKEN);
        registry.add("hourglass.bootstrap.admin-token", () -> ADMIN_TOKEN);
        registry.add("hourglass.bootstrap.admin-password", () -> ADMIN_PASSWORD);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    protected ApiClient admin() {
        return new ApiClient(baseUrl(), ADMIN_TOKEN);
    }

    protected ApiClient agent() {
        return new ApiClient(baseUrl(), AGENT_TOKEN);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new team with this quota, and a member of it; returns the member's API client. */
    protected ApiClient newTeam(String team, int quotaGpus) {
        assertThat(admin().post("/api/v1/teams", Map.of("name", team, "quotaGpus", quotaGpus)).status()).isEqualTo(201);
        String user = unique("user");
        assertThat(admin().post("/api/v1/users", Map.of("username", user, "role", "MEMBER", "team", team)).status())
                .isEqualTo(201);
        ApiClient.Response token = admin().post("/api/v1/users/" + user + "/tokens", Map.of("name", "ci"));
        assertThat(token.status()).isEqualTo(201);
        return admin().as(token.json().get("token").asText());
    }

    /** A new member of the team who logs in with {@link #PASSWORD}; returns the username. */
    protected String newLogin(String team) {
        String user = unique("person");
        assertThat(admin().post("/api/v1/users", Map.of("username", user, "password", PASSWORD, "role", "MEMBER",
                "team", team)).status()).isEqualTo(201);
        return user;
    }

    /** Registers nodes with 8 GPUs each through the agent endpoint, as an agent would. */
    protected List<String> newNodes(int count) {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = unique("node");
            assertThat(agent().post("/api/v1/agent/nodes", Map.of("name", name, "gpuCount", 8, "gpuModel", "test-gpu"))
                    .status()).isEqualTo(200);
            names.add(name);
        }
        return names;
    }

    /**
     * Tests share one database: drain the nodes and cancel the queued jobs earlier tests left behind, so that
     * a test reasons only about the nodes it registers and the jobs it submits.
     */
    protected void startWithEmptyCluster() {
        jdbc.update("update nodes set state = 'DRAINING'");
        jdbc.update("update jobs set status = 'CANCELLED', ended_at = now() where status = 'QUEUED'");
    }

    protected static Map<String, Object> job(String name, String model, int kn) {
        return Map.of("name", name, "model", model, "dataset", "generated", "kn", kn);
    }
}
