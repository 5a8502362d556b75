package dev.hourglass.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An agent's calls while the control plane is down (its database stopped: 503s) or gone (connection refused):
 * each fails as a retryable {@code ControlPlaneException}, and the agent's log says so once per outage and once
 * when the control plane answers again, not once per heartbeat. The control plane here is a loopback HTTP server
 * that answers the heartbeat endpoint as the real one does during and after a database outage.
 */
class ControlPlaneOutageTest {

    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private HttpServer controlPlane;
    private PrintStream stderr;

    @BeforeEach
    void start() throws IOException {
        controlPlane = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        controlPlane.createContext("/api/v1/agent/nodes/node-a/heartbeat", exchange -> {
            byte[] body = databaseDown.get() ? "{\"status\":503,\"detail\":\"the database is unavailable\"}"
                    .getBytes(StandardCharsets.UTF_8) : new byte[0];
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(databaseDown.get() ? 503 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        controlPlane.start();
        stderr = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(stderr);
        controlPlane.stop(0);
    }

    @Test
    void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() throws IOException {
        ControlPlaneClient client = new ControlPlaneClient("http://127.0.0.1:" + controlPlane.getAddress().getPort(),
                "agent-token");
        client.heartbeat("node-a", Duration.ofSeconds(5));

        databaseDown.set(true);
        for (int heartbeat = 0; heartbeat < 20; heartbeat++) {
            assertThatThrownBy(() -> client.heartbeat("node-a", Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(ControlPlaneClient.ControlPlaneException.class, failure -> {
                        assertThat(failure.status()).isEqualTo(503);
                        assertThat(failure.isUnavailable()).isTrue();
                    });
        }
        databaseDown.set(false);
        client.heartbeat("node-a", Duration.ofSeconds(5));
        client.heartbeat("node-a", Duration.ofSeconds(5));

        String lines = log.toString(StandardCharsets.UTF_8);
        assertThat(count(lines, "is unavailable (POST /nodes/node-a/heartbeat answered 503: the database is"
                + " unavailable)")).as(lines).isEqualTo(1);
        assertThat(count(lines, "answers again after")).as(lines).isEqualTo(1);
        assertThat(lines).contains("20 calls failed meanwhile");
    }

    @Test
    void aControlPlaneThatIsGoneIsLoggedOnceToo() {
        controlPlane.stop(0);
        ControlPlaneClient client = new ControlPlaneClient("http://127.0.0.1:" + controlPlane.getAddress().getPort(),
                "agent-token");

        for (int heartbeat = 0; heartbeat < 10; heartbeat++) {
            assertThatThrownBy(() -> client.heartbeat("node-a", Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(ControlPlaneClient.ControlPlaneException.class,
                            failure -> assertThat(failure.isUnavailable()).isTrue());
        }

        String lines = log.toString(StandardCharsets.UTF_8);
        assertThat(count(lines, "is unavailable (control plane unreachable")).as(lines).isEqualTo(1);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
