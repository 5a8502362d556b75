package dev.hourglass.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.List;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who may do what: anonymous 401, forbidden 403, members confined to their team, tokens hashed and revocable. */
class AccessControlTest extends ControlPlaneTest {

    @Test
    void anonymousRequestsGet401AsProblemJson() {
        for (String path : List.of("/api/v1/jobs", "/api/v1/nodes", "/api/v1/teams", "/api/v1/me")) {
            ApiClient.Response response = admin().anonymous().get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            assertThat(response.detail()).as(path).contains("Authorization: Bearer");
        }
        assertThat(admin().anonymous().post("/api/v1/jobs", job("x", "resnet8", 32)).status()).isEqualTo(401);
    }

    @Test
    void anUnknownTokenGets401() {
        ApiClient.Response response = admin().as("hg_not-a-real-token").get("/api/v1/jobs");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.detail()).contains("not valid");
    }

    @Test
    void membersCannotDoWhatOnlyAdminsDo() {
        ApiClient member = newTeam(unique("members"), 8);
        String node = newNodes(1).get(0);

        assertThat(member.post("/api/v1/teams", Map.of("name", unique("mine"), "quotaGpus", 1000)).status()).isEqualTo(403);
        assertThat(member.put("/api/v1/teams/demo/quota", Map.of("quotaGpus", 1000)).status()).isEqualTo(403);
        assertThat(member.post("/api/v1/nodes/" + node + "/drain", null).status()).isEqualTo(403);
        assertThat(member.post("/api/v1/users", Map.of("username", unique("u"), "role", "ADMIN")).status()).isEqualTo(403);
        ApiClient.Response forbidden = member.get("/api/v1/users");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
        assertThat(admin().get("/api/v1/nodes/" + node).json().get("state").asText()).isEqualTo("READY");
    }

    @Test
    void aMemberSeesSubmitsAndCancelsOnlyTheirOwnTeamsJobs() {
        String ours = unique("ours");
        String theirs = unique("theirs");
        ApiClient us = newTeam(ours, 8);
        ApiClient them = newTeam(theirs, 8);
        long theirJob = them.post("/api/v1/jobs", job("theirs", "resnet8", 32)).json().get("id").asLong();

        // as for a job that does not exist: the answer does not tell that it does, nor whose it is
        ApiClient.Response asked = us.get("/api/v1/jobs/" + theirJob);
        assertThat(asked.status()).isEqualTo(404);
        assertThat(asked.detail()).isEqualTo("no job " + theirJob).doesNotContain(theirs);
        assertThat(us.post("/api/v1/jobs/" + theirJob + "/cancel", null).status()).isEqualTo(404);
        assertThat(us.get("/api/v1/jobs?team=" + theirs).status()).isEqualTo(403);
        assertThat(us.get("/api/v1/teams/" + theirs + "/usage").status()).isEqualTo(403);
        java.util.Map<String, Object> intoTheirs = new java.util.HashMap<>(job("sneaky", "resnet8", 32));
        intoTheirs.put("team", theirs);
        assertThat(us.post("/api/v1/jobs", intoTheirs).status()).isEqualTo(403);
        assertThat(us.get("/api/v1/teams").json()).extracting(t -> t.get("name").asText()).containsExactly(ours);
        assertThat(them.get("/api/v1/jobs/" + theirJob).json().get("status").asText()).isNotEqualTo("CANCELLED");
    }

    @Test
    void aTokenIsShownOnceStoredAsAHashAndStopsWorkingWhenRevoked() {
        String team = unique("tokens");
        admin().post("/api/v1/teams", Map.of("name", team, "quotaGpus", 8));
        String user = unique("pipeline");
        admin().post("/api/v1/users", Map.of("username", user, "role", "MEMBER", "team", team));

        ApiClient.Response created = admin().post("/api/v1/users/" + user + "/tokens", Map.of("name", "nightly"));
        String token = created.json().get("token").asText();
        long tokenId = created.json().get("id").asLong();
        ApiClient pipeline = admin().as(token);
        assertThat(pipeline.get("/api/v1/me").json().get("username").asText()).isEqualTo(user);

        ApiClient.Response listed = pipeline.get("/api/v1/users/" + user + "/tokens");
        assertThat(listed.raw()).doesNotContain(token);
        assertThat(listed.json()).singleElement().satisfies(t -> assertThat(t.get("name").asText()).isEqualTo("nightly"));
        Integer clearTextRows = jdbc.queryForObject("select count(*) from api_tokens where token_hash = ?", Integer.class, token);
        assertThat(clearTextRows).isZero();

        assertThat(pipeline.delete("/api/v1/users/" + user + "/tokens/" + tokenId).status()).isEqualTo(200);
        assertThat(pipeline.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aTokenGivenALifeShowsItsExpiryAndIsRefusedOnceItHasPassed() {
        String team = unique("expiring");
        admin().post("/api/v1/teams", Map.of("name", team, "quotaGpus", 8));
        String user = unique("ci");
        admin().post("/api/v1/users", Map.of("username", user, "role", "MEMBER", "team", team));

        ApiClient.Response created = admin().post("/api/v1/users/" + user + "/tokens",
                Map.of("name", "weekly", "expiresInDays", 7));
        assertThat(created.status()).isEqualTo(201);
        Instant expiresAt = Instant.parse(created.json().get("expiresAt").asText());
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofDays(7)).minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofDays(7)));
        ApiClient pipeline = admin().as(created.json().get("token").asText());
        assertThat(pipeline.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(pipeline.get("/api/v1/users/" + user + "/tokens").json().get(0).get("expiresAt").asText())
                .isEqualTo(created.json().get("expiresAt").asText());

        // a week later, as far as the database can tell
        jdbc.update("update api_tokens set expires_at = now() - interval '1 second' where id = ?",
                created.json().get("id").asLong());
        assertThat(pipeline.get("/api/v1/me").status()).isEqualTo(401);

        ApiClient.Response forever = admin().post("/api/v1/users/" + user + "/tokens", Map.of("name", "forever"));
        assertThat(forever.json().has("expiresAt")).isFalse();
        assertThat(admin().post("/api/v1/users/" + user + "/tokens", Map.of("name", "never", "expiresInDays", 0))
                .status()).isEqualTo(400);
    }

    @Test
    void aMemberCannotManageAnotherUsersTokens() {
        ApiClient member = newTeam(unique("own"), 8);

        assertThat(member.post("/api/v1/users/admin/tokens", Map.of("name", "steal")).status()).isEqualTo(403);
        assertThat(member.get("/api/v1/users/admin/tokens").status()).isEqualTo(403);
    }

    @Test
    void agentEndpointsTakeOnlyTheAgentToken() {
        Map<String, Object> registration = Map.of("name", unique("rogue"), "gpuCount", 8);

        ApiClient.Response withUserToken = admin().post("/api/v1/agent/nodes", registration);
        ApiClient.Response withWrongToken = admin().as("wrong-agent-token").post("/api/v1/agent/nodes", registration);

        assertThat(withUserToken.status()).isEqualTo(401);
        assertThat(withWrongToken.status()).isEqualTo(401);
        assertThat(admin().get("/api/v1/nodes/" + registration.get("name")).status()).isEqualTo(404);
    }

    @Test
    void theBootstrapAdminsTokenComesFromConfiguration() {
        ApiClient.Response me = admin().get("/api/v1/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo("admin");
        assertThat(me.json().get("role").asText()).isEqualTo("ADMIN");
    }
}
