package dev.hourglass.backend.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamsApiTest extends ControlPlaneTest {

    @Test
    void anAdminCreatesATeamAndSetsItsQuota() {
        String team = unique("research");

        ApiClient.Response created = admin().post("/api/v1/teams", Map.of("name", team, "quotaGpus", 16));
        ApiClient.Response raised = admin().put("/api/v1/teams/" + team + "/quota", Map.of("quotaGpus", 64));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("quotaGpus").asInt()).isEqualTo(16);
        assertThat(raised.status()).isEqualTo(200);
        assertThat(raised.json().get("quotaGpus").asInt()).isEqualTo(64);
        assertThat(admin().get("/api/v1/teams").json()).anySatisfy(t -> {
            assertThat(t.get("name").asText()).isEqualTo(team);
            assertThat(t.get("quotaGpus").asInt()).isEqualTo(64);
        });
    }

    @Test
    void aTeamNameIsUniqueAndWellFormed() {
        String team = unique("dup");
        admin().post("/api/v1/teams", Map.of("name", team, "quotaGpus", 8));

        assertThat(admin().post("/api/v1/teams", Map.of("name", team, "quotaGpus", 8)).status()).isEqualTo(409);
        ApiClient.Response badName = admin().post("/api/v1/teams", Map.of("name", "Bad Name!", "quotaGpus", 8));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().get("errors").get(0).get("field").asText()).isEqualTo("name");
        assertThat(admin().put("/api/v1/teams/" + team + "/quota", Map.of("quotaGpus", -1)).status()).isEqualTo(400);
        assertThat(admin().put("/api/v1/teams/no-such-team/quota", Map.of("quotaGpus", 1)).status()).isEqualTo(404);
    }

    @Test
    void usageCountsQueuedAndActiveJobsAndGpusInUse() {
        startWithEmptyCluster();
        newNodes(1);
        String team = unique("usage");
        ApiClient member = newTeam(team, 8);
        member.post("/api/v1/jobs", job("runs", "resnet8", 128));
        member.post("/api/v1/jobs", job("waits", "resnet8", 256));
        scheduling.runPass();

        ApiClient.Response usage = member.get("/api/v1/teams/" + team + "/usage");

        assertThat(usage.status()).isEqualTo(200);
        assertThat(usage.json().get("quotaGpus").asInt()).isEqualTo(8);
        assertThat(usage.json().get("gpusInUse").asInt()).isEqualTo(4);
        assertThat(usage.json().get("activeJobs").asInt()).isEqualTo(1);
        assertThat(usage.json().get("queuedJobs").asInt()).isEqualTo(1);
    }

    @Test
    void raisingAQuotaLetsAWaitingJobStart() {
        startWithEmptyCluster();
        newNodes(1);
        String team = unique("raise");
        ApiClient member = newTeam(team, 4);
        long first = member.post("/api/v1/jobs", job("first", "resnet8", 128)).json().get("id").asLong();
        long second = member.post("/api/v1/jobs", job("second", "resnet8", 128)).json().get("id").asLong();
        scheduling.runPass();
        assertThat(member.get("/api/v1/jobs/" + first).json().get("status").asText()).isEqualTo("STARTING");
        ApiClient.Response waiting = member.get("/api/v1/jobs/" + second);
        assertThat(waiting.json().get("waiting").get("kind").asText()).isEqualTo("QUOTA");

        admin().put("/api/v1/teams/" + team + "/quota", Map.of("quotaGpus", 8));
        scheduling.runPass();

        assertThat(member.get("/api/v1/jobs/" + second).json().get("status").asText()).isEqualTo("STARTING");
    }
}
