package dev.hourglass.backend.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.List;
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
    void drainingAnUnknownNodeIs404() {
        ApiClient.Response response = admin().post("/api/v1/nodes/no-such-node/drain", null);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.detail()).contains("no-such-node");
    }
}
