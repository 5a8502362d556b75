package dev.hourglass.backend.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodesApiTest extends ControlPlaneTest {

    @Test
    void theInventoryShowsEachGpuAndTheJobHoldingIt() {
        startWithEmptyCluster();
        String node = newNodes(1).get(0);
        String team = unique("inventory");
        ApiClient member = newTeam(team, 8);
        long id = member.post("/api/v1/jobs", job("holder", "resnet8", 64)).json().get("id").asLong();
        scheduling.runPass();

        ApiClient.Response listed = member.get("/api/v1/nodes");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json()).anySatisfy(n -> {
            assertThat(n.get("name").asText()).isEqualTo(node);
            assertThat(n.get("state").asText()).isEqualTo("READY");
            assertThat(n.get("gpuCount").asInt()).isEqualTo(8);
            assertThat(n.get("freeGpus").asInt()).isEqualTo(6);
            assertThat(n.get("heartbeatAgeSeconds").asDouble()).isGreaterThanOrEqualTo(0);
            assertThat(n.get("gpus")).hasSize(8);
            assertThat(n.get("gpus").get(0).get("state").asText()).isEqualTo("ALLOCATED");
            assertThat(n.get("gpus").get(0).get("jobId").asLong()).isEqualTo(id);
            assertThat(n.get("gpus").get(0).get("team").asText()).isEqualTo(team);
            assertThat(n.get("gpus").get(7).get("state").asText()).isEqualTo("FREE");
        });
    }

    @Test
    void anotherTeamsJobOnANodeIsShownToAMemberOnlyAsHeld() {
        startWithEmptyCluster();
        String node = newNodes(1).get(0);
        String theirs = unique("secretive");
        ApiClient them = newTeam(theirs, 8);
        ApiClient us = newTeam(unique("curious"), 8);
        long id = them.post("/api/v1/jobs", job("project-x", "resnet8", 64)).json().get("id").asLong();
        scheduling.runPass();

        JsonNode seenByUs = us.get("/api/v1/nodes/" + node).json().get("gpus").get(0);
        JsonNode seenByThem = them.get("/api/v1/nodes/" + node).json().get("gpus").get(0);
        JsonNode seenByAdmin = admin().get("/api/v1/nodes/" + node).json().get("gpus").get(0);

        assertThat(seenByUs.get("state").asText()).isEqualTo("ALLOCATED");
        assertThat(seenByUs.has("jobId")).isFalse();
        assertThat(seenByUs.has("jobName")).isFalse();
        assertThat(seenByUs.has("team")).isFalse();
        assertThat(us.get("/api/v1/nodes").raw()).doesNotContain("project-x").doesNotContain(theirs);
        assertThat(us.get("/api/v1/nodes/" + node).json().get("freeGpus").asInt()).isEqualTo(6);
        assertThat(seenByThem.get("jobId").asLong()).isEqualTo(id);
        assertThat(seenByAdmin.get("jobName").asText()).isEqualTo("project-x");
        assertThat(seenByAdmin.get("team").asText()).isEqualTo(theirs);
    }

    @Test
    void aDrainedNodeTakesNoNewJobsUntilUndrained() {
        startWithEmptyCluster();
        List<String> nodes = newNodes(1);
        ApiClient member = newTeam(unique("drain"), 8);

        ApiClient.Response drained = admin().post("/api/v1/nodes/" + nodes.get(0) + "/drain", null);
        assertThat(drained.status()).isEqualTo(200);
        assertThat(drained.json().get("state").asText()).isEqualTo("DRAINING");
        long id = member.post("/api/v1/jobs", job("blocked", "resnet8", 64)).json().get("id").asLong();
        scheduling.runPass();
        assertThat(member.get("/api/v1/jobs/" + id).json().get("status").asText()).isEqualTo("QUEUED");

        assertThat(admin().post("/api/v1/nodes/" + nodes.get(0) + "/undrain", null).status()).isEqualTo(200);
        scheduling.runPass();
        assertThat(member.get("/api/v1/jobs/" + id).json().get("status").asText()).isEqualTo("STARTING");
    }

    @Test
    void aNodeShowsTheGpuModelAndMemoryItsAgentRegisteredLastAndNoneForCpuDevices() {
        String gpus = unique("gpus");
        String cpus = unique("cpus");
        assertThat(agent().post("/api/v1/agent/nodes", Map.of("name", gpus, "gpuCount", 8, "gpuModel", "Tesla V100-SXM2-16GB",
                "gpuMemoryMib", 16160)).status()).isEqualTo(200);
        assertThat(agent().post("/api/v1/agent/nodes", Map.of("name", gpus, "gpuCount", 8, "gpuModel", "NVIDIA A100-SXM4-80GB",
                "gpuMemoryMib", 81920)).status()).isEqualTo(200);
        assertThat(agent().post("/api/v1/agent/nodes", Map.of("name", cpus, "gpuCount", 2, "gpuModel", "cpu-thread"))
                .status()).isEqualTo(200);

        ApiClient.Response gpuNode = admin().get("/api/v1/nodes/" + gpus);
        assertThat(gpuNode.json().get("gpuModel").asText()).isEqualTo("NVIDIA A100-SXM4-80GB");
        assertThat(gpuNode.json().get("gpuMemoryMib").asInt()).isEqualTo(81920);
        assertThat(admin().get("/api/v1/nodes/" + cpus).json().has("gpuMemoryMib")).isFalse();
    }

    @Test
    void aRegistrationWithNonPositiveGpuMemoryIsRefusedWithTheField() {
        ApiClient.Response refused = agent().post("/api/v1/agent/nodes", Map.of("name", unique("bad"), "gpuCount", 8,
                "gpuModel", "NVIDIA H200", "gpuMemoryMib", 0));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("gpuMemoryMib=0 must be positive");
    }

    @Test
    void drainingAnUnknownNodeIs404() {
        ApiClient.Response response = admin().post("/api/v1/nodes/no-such-node/drain", null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.detail()).contains("no-such-node");
    }
}
