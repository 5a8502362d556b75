package dev.hourglass.backend.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A node that misses three heartbeats is LOST: its jobs fail with that reason and free their GPUs. */
class NodeHealthTest extends ControlPlaneTest {

    @Autowired
    NodeHealthMonitor monitor;

    @Test
    void aSilentNodeTurnsLostFailsItsJobsFreesTheirGpusAndLeavesOtherNodesAlone() {
        startWithEmptyCluster();
        List<String> nodes = newNodes(2);
        String team = unique("lost");
        ApiClient member = newTeam(team, 16);
        long first = member.post("/api/v1/jobs", job("first", "resnet8", 256)).json().get("id").asLong();
        long second = member.post("/api/v1/jobs", job("second", "resnet8", 256)).json().get("id").asLong();
        scheduling.runPass();
        String silent = member.get("/api/v1/jobs/" + first).json().get("allocation").get(0).get("node").asText();
        String alive = nodes.get(0).equals(silent) ? nodes.get(1) : nodes.get(0);
        jdbc.update("update nodes set last_heartbeat_at = now() - interval '4 hours' where name = ?", silent);
        jdbc.update("update nodes set last_heartbeat_at = now() where name = ?", alive);

        List<String> lost = monitor.check(Instant.now());

        assertThat(lost).contains(silent).doesNotContain(alive);
        assertThat(admin().get("/api/v1/nodes/" + silent).json().get("state").asText()).isEqualTo("LOST");
        ApiClient.Response failed = member.get("/api/v1/jobs/" + first);
        assertThat(failed.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.json().get("failureReason").asText()).contains("node " + silent + " was lost")
                .contains("no heartbeat");
        assertThat(admin().get("/api/v1/nodes/" + silent).json().get("freeGpus").asInt()).isEqualTo(8);
        assertThat(member.get("/api/v1/jobs/" + second).json().get("status").asText()).isEqualTo("STARTING");
        assertThat(member.get("/api/v1/teams/" + team + "/usage").json().get("gpusInUse").asInt()).isEqualTo(8);

        assertThat(agent().post("/api/v1/agent/nodes/" + silent + "/heartbeat", Map.of()).status()).isEqualTo(200);
        assertThat(admin().get("/api/v1/nodes/" + silent).json().get("state").asText()).isEqualTo("READY");
    }
}
