package dev.hourglass.backend.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import dev.hourglass.backend.support.EventStreamClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/jobs/{id}/events streams status changes and metric batches live, replays what a client missed, and
 * ends after the job's final status.
 */
class JobEventsStreamTest extends ControlPlaneTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ObjectMapper json = new ObjectMapper();

    private static Map<String, Object> batch(long sequence, double loss) {
        return Map.of("sequence", sequence, "points", List.of(Map.of("name", "train.loss", "iteration", sequence,
                "value", loss, "time", System.currentTimeMillis())));
    }

    @Test
    void aSubscriberSeesStatusChangesAndMetricsAsTheyHappenAndCatchesUpAfterReconnecting() throws Exception {
        startWithEmptyCluster();
        String node = newNodes(1).get(0);
        admin().post("/api/v1/nodes/" + node + "/drain", null); // the job waits until the stream is open
        ApiClient member = newTeam(unique("live"), 8);
        String token = member.post("/api/v1/users/" + member.get("/api/v1/me").json().get("username").asText()
                + "/tokens", Map.of("name", "sse")).json().get("token").asText();
        long id = member.post("/api/v1/jobs", job("live", "resnet8", 32)).json().get("id").asLong();
        String url = "http://127.0.0.1:" + port + "/api/v1/jobs/" + id + "/events";

        try (EventStreamClient stream = new EventStreamClient(url, token, null)) {
            JsonNode current = json.readTree(stream.next("status", WAIT).data());
            assertThat(current.get("jobId").asLong()).isEqualTo(id);
            assertThat(current.get("status").asText()).isEqualTo("QUEUED");
            admin().post("/api/v1/nodes/" + node + "/undrain", null);
            scheduling.runPass(); // or the pass the undrain triggers: either places the job once
            assertThat(json.readTree(stream.next("status", WAIT).data()).get("status").asText()).isEqualTo("STARTING");
            agent().post("/api/v1/agent/jobs/" + id + "/status", Map.of("status", "RUNNING"));
            assertThat(json.readTree(stream.next("status", WAIT).data()).get("status").asText()).isEqualTo("RUNNING");

            agent().post("/api/v1/agent/jobs/" + id + "/metrics", batch(1, 2.5));
            EventStreamClient.Event metrics = stream.next("metrics", WAIT);
            assertThat(metrics.id()).isEqualTo("1");
            JsonNode data = json.readTree(metrics.data());
            assertThat(data.get("sequence").asLong()).isEqualTo(1);
            assertThat(data.get("points").get(0).get("name").asText()).isEqualTo("train.loss");
            assertThat(data.get("points").get(0).get("value").asDouble()).isEqualTo(2.5);
        }

        agent().post("/api/v1/agent/jobs/" + id + "/metrics", batch(2, 2.4));
        agent().post("/api/v1/agent/jobs/" + id + "/metrics", batch(3, 2.3));
        try (EventStreamClient resumed = new EventStreamClient(url, token, "1")) {
            assertThat(resumed.next("metrics", WAIT).id()).isEqualTo("2");
            assertThat(resumed.next("metrics", WAIT).id()).isEqualTo("3");
            assertThat(resumed.endsWithin(Duration.ofMillis(200))).as("open while the job runs").isFalse();

            agent().post("/api/v1/agent/jobs/" + id + "/status", Map.of("status", "SUCCEEDED"));

            assertThat(json.readTree(resumed.next("status", WAIT).data()).get("status").asText())
                    .isEqualTo("SUCCEEDED");
            assertThat(resumed.endsWithin(WAIT)).as("ended after the final status").isTrue();
        }
        try (EventStreamClient afterTheEnd = new EventStreamClient(url, token, "2")) {
            assertThat(afterTheEnd.next("metrics", WAIT).id()).isEqualTo("3");
            assertThat(afterTheEnd.endsWithin(WAIT)).as("a stream of an ended job ends at once").isTrue();
            assertThat(afterTheEnd.received()).extracting(EventStreamClient.Event::name)
                    .containsExactly("status", "metrics");
        }
    }

    @Test
    void revokingTheTokenThatOpenedAStreamEndsIt() throws Exception {
        ApiClient member = newTeam(unique("revoked"), 8);
        String user = member.get("/api/v1/me").json().get("username").asText();
        JsonNode created = member.post("/api/v1/users/" + user + "/tokens", Map.of("name", "stream")).json();
        long id = member.post("/api/v1/jobs", job("watched", "resnet8", 32)).json().get("id").asLong();

        try (EventStreamClient stream = new EventStreamClient("http://127.0.0.1:" + port + "/api/v1/jobs/" + id
                + "/events", created.get("token").asText(), null)) {
            stream.next("status", WAIT);
            assertThat(stream.endsWithin(Duration.ofMillis(200))).as("open while the token is valid").isFalse();

            assertThat(member.send("DELETE", "/api/v1/users/" + user + "/tokens/" + created.get("id").asLong(), null,
                    "application/json").status()).isEqualTo(200);

            assertThat(stream.endsWithin(WAIT)).as("ended by the revocation").isTrue();
        }
    }
}
