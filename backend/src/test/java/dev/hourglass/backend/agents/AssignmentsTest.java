package dev.hourglass.backend.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Agents long-poll for what their node should run; a placement, a readiness report or a cancel wakes them. */
class AssignmentsTest extends ControlPlaneTest {

    @Test
    void aPlacementWakesTheNodesLongPollWithTheJobItsNodesInRankOrderAndReadiness() throws Exception {
        startWithEmptyCluster();
        List<String> nodes = newNodes(2).stream().sorted().toList();
        ApiClient member = newTeam(unique("assign"), 16);
        JsonNode idle = agent().get("/api/v1/agent/nodes/" + nodes.get(1) + "/assignments").json();
        assertThat(idle.get("jobs")).isEmpty();
        long version = idle.get("version").asLong();

        CompletableFuture<ApiClient.Response> poll = CompletableFuture.supplyAsync(() -> agent().get(
                "/api/v1/agent/nodes/" + nodes.get(1) + "/assignments?after=" + version + "&waitSeconds=20"));
        // an absence (the poll stays open while nothing changed), which no event marks: watch it as long as before
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(10))
                .alias("the long poll to stay open while nothing changed").until(() -> !poll.isDone());
        Map<String, Object> request = new java.util.HashMap<>(job("spans", "resnet8", 512));
        request.put("allreduce", "halving-doubling");
        long id = member.post("/api/v1/jobs", request).json().get("id").asLong();
        scheduling.runPass();

        JsonNode woken = poll.get(10, TimeUnit.SECONDS).json();
        assertThat(woken.get("version").asLong()).isGreaterThan(version);
        while (woken.get("jobs").isEmpty()) { // as an agent does: poll again from the version just seen
            woken = agent().get("/api/v1/agent/nodes/" + nodes.get(1) + "/assignments?after="
                    + woken.get("version").asLong() + "&waitSeconds=10").json();
        }
        JsonNode assignment = woken.get("jobs").get(0);
        assertThat(assignment.get("jobId").asLong()).isEqualTo(id);
        assertThat(assignment.get("nodes")).extracting(n -> n.get("name").asText()).containsExactlyElementsOf(nodes);
        assertThat(assignment.get("nodes").get(0).get("gpus")).hasSize(8);
        assertThat(assignment.get("recipe").get("peakLr").asDouble()).isEqualTo(0.2);
        assertThat(assignment.get("readyNodes")).isEmpty();
        assertThat(assignment.get("allreduce").asText()).as("the job's choice travels to the workers")
                .isEqualTo("halving-doubling");

        for (String node : nodes) {
            assertThat(agent().post("/api/v1/agent/jobs/" + id + "/ready", Map.of("node", node)).status()).isEqualTo(200);
        }
        JsonNode ready = agent().get("/api/v1/agent/nodes/" + nodes.get(0) + "/assignments").json();
        assertThat(ready.get("jobs").get(0).get("readyNodes")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(nodes);

        member.post("/api/v1/jobs/" + id + "/cancel", null);
        assertThat(agent().get("/api/v1/agent/nodes/" + nodes.get(0) + "/assignments").json().get("jobs")).isEmpty();
    }

    @Test
    void aNodeThatHoldsNoGpusOfTheJobCannotReportReady() {
        startWithEmptyCluster();
        String node = newNodes(1).get(0);
        ApiClient member = newTeam(unique("notmine"), 8);
        long id = member.post("/api/v1/jobs", job("queued", "resnet8", 32)).json().get("id").asLong();

        ApiClient.Response refused = agent().post("/api/v1/agent/jobs/" + id + "/ready", Map.of("node", "elsewhere"));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(agent().get("/api/v1/agent/nodes/no-such-node/assignments").status()).isEqualTo(404);
        assertThat(agent().get("/api/v1/agent/nodes/" + node + "/assignments?waitSeconds=600").status()).isEqualTo(400);
    }
}
