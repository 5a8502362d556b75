package dev.hourglass.backend.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A pipeline that retries a creating POST with the same Idempotency-Key gets the first answer again and creates
 * nothing more, even when the retries race; the same key with another request is refused; a refused request does
 * not use up its key; keys expire.
 */
class IdempotencyKeyTest extends ControlPlaneTest {

    @Autowired
    IdempotencyKeyExpiry expiry;

    private long jobsOf(String team) {
        return admin().get("/api/v1/jobs?team=" + team).json().get("total").asLong();
    }

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndCreatesNoSecondJob() {
        String team = unique("retry");
        ApiClient member = newTeam(team, 8).with(IdempotentRequestFilter.HEADER, UUID.randomUUID().toString());

        ApiClient.Response first = member.post("/api/v1/jobs", job("nightly", "resnet8", 32));
        // the same request with its fields in another order and other spacing is the same request
        ApiClient.Response retry = member.post("/api/v1/jobs",
                "{ \"kn\": 32, \"dataset\": \"generated\", \"model\": \"resnet8\",   \"name\": \"nightly\" }");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers().firstValue(IdempotentRequestFilter.REPLAYED)).isEmpty();
        assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.headers().firstValue(IdempotentRequestFilter.REPLAYED)).hasValue("true");
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"))
                .hasValue("/api/v1/jobs/" + first.json().get("id").asLong());
        assertThat(jobsOf(team)).isEqualTo(1);
    }

    @Test
    void racingRetriesOfOneKeyCreateOneJobAndAllGetItsAnswer() throws Exception {
        String team = unique("race");
        ApiClient member = newTeam(team, 8).with(IdempotentRequestFilter.HEADER, UUID.randomUUID().toString());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Callable<ApiClient.Response>> retries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                retries.add(() -> member.post("/api/v1/jobs", job("raced", "resnet8", 32)));
            }
            List<Long> ids = new ArrayList<>();
            for (Future<ApiClient.Response> answer : clients.invokeAll(retries)) {
                assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(201);
                ids.add(answer.get().json().get("id").asLong());
            }
            assertThat(ids).containsOnly(ids.get(0));
        } finally {
            clients.shutdownNow();
        }
        assertThat(jobsOf(team)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefusedAndChangesNothing() {
        String team = unique("reuse");
        ApiClient member = newTeam(team, 8).with(IdempotentRequestFilter.HEADER, "submit-" + team);
        assertThat(member.post("/api/v1/jobs", job("first", "resnet8", 32)).status()).isEqualTo(201);

        ApiClient.Response other = member.post("/api/v1/jobs", job("second", "resnet8", 32));

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.contentType()).startsWith("application/problem+json");
        assertThat(other.detail()).contains("was used with another request");
        assertThat(jobsOf(team)).isEqualTo(1);
        // keys are the caller's own: another user's request with the same key is theirs, not a replay
        ApiClient colleague = member.as(newTokenInTeam(team)).with(IdempotentRequestFilter.HEADER, "submit-" + team);
        ApiClient.Response theirs = colleague.post("/api/v1/jobs", job("first", "resnet8", 32));
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.headers().firstValue(IdempotentRequestFilter.REPLAYED)).isEmpty();
        assertThat(jobsOf(team)).isEqualTo(2);
    }

    @Test
    void aRefusedRequestLeavesItsKeyFreeForTheCorrectedOne() {
        String team = unique("fixed");
        ApiClient member = newTeam(team, 8).with(IdempotentRequestFilter.HEADER, UUID.randomUUID().toString());

        ApiClient.Response refused = member.post("/api/v1/jobs", job("bad", "resnet50", 320));
        ApiClient.Response corrected = member.post("/api/v1/jobs", job("good", "resnet8", 32));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
        assertThat(jobsOf(team)).isEqualTo(1);
    }

    @Test
    void cancellingTwiceWithOneKeyAnswersAsTheFirstTime() {
        ApiClient member = newTeam(unique("cancel"), 8);
        long id = member.post("/api/v1/jobs", job("stopped", "resnet8", 32)).json().get("id").asLong();
        ApiClient keyed = member.with(IdempotentRequestFilter.HEADER, UUID.randomUUID().toString());

        ApiClient.Response first = keyed.post("/api/v1/jobs/" + id + "/cancel", null);
        ApiClient.Response again = keyed.post("/api/v1/jobs/" + id + "/cancel", null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asText()).isEqualTo("CANCELLED");
        // without the key, the repeat is what it is: a cancel of an ended job
        assertThat(member.post("/api/v1/jobs/" + id + "/cancel", null).status()).isEqualTo(409);
    }

    @Test
    void anAdminRetryingATeamsCreationGetsTheTeamOnce() {
        String team = unique("team");
        ApiClient keyed = admin().with(IdempotentRequestFilter.HEADER, UUID.randomUUID().toString());

        ApiClient.Response first = keyed.post("/api/v1/teams", Map.of("name", team, "quotaGpus", 8));
        ApiClient.Response retry = keyed.post("/api/v1/teams", Map.of("name", team, "quotaGpus", 8));

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.json()).isEqualTo(first.json());
        // without the key, the repeat is what it is: a second team of that name
        assertThat(admin().post("/api/v1/teams", Map.of("name", team, "quotaGpus", 8)).status()).isEqualTo(409);
    }

    @Test
    void aKeyOnTokenCreationIsRefusedAsItsSecretIsNeverKept() {
        ApiClient member = newTeam(unique("tokens"), 8);
        String user = member.get("/api/v1/me").json().get("username").asText();

        ApiClient.Response refused = member.with(IdempotentRequestFilter.HEADER, "once")
                .post("/api/v1/users/" + user + "/tokens", Map.of("name", "ci"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("its secret is shown once");
        assertThat(member.get("/api/v1/users/" + user + "/tokens").json()).hasSize(1);
    }

    @Test
    void aMalformedKeyIsRefused() {
        ApiClient member = newTeam(unique("malformed"), 8);
        ApiClient.Response tooLong = member.with(IdempotentRequestFilter.HEADER,
                "k".repeat(IdempotentRequestFilter.MAX_KEY_LENGTH + 1)).post("/api/v1/jobs", job("x", "resnet8", 32));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.detail()).contains("printable ASCII");
    }

    @Test
    void anExpiredKeyIsForgottenAndFreeAgain() {
        String team = unique("expired");
        String key = UUID.randomUUID().toString();
        ApiClient member = newTeam(team, 8).with(IdempotentRequestFilter.HEADER, key);
        assertThat(member.post("/api/v1/jobs", job("old", "resnet8", 32)).status()).isEqualTo(201);
        jdbc.update("update idempotency_keys set created_at = now() - interval '25 hours' where key = ?", key);

        ApiClient.Response reused = member.post("/api/v1/jobs", job("new", "resnet8", 32));
        assertThat(reused.status()).as("the key's first use has expired").isEqualTo(201);
        assertThat(reused.headers().firstValue(IdempotentRequestFilter.REPLAYED)).isEmpty();

        jdbc.update("update idempotency_keys set created_at = now() - interval '25 hours' where key = ?", key);
        assertThat(expiry.forgetExpired()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_keys where key = ?", Long.class, key))
                .isZero();
    }

    /** A second member of {@code team}, and an API token of theirs. */
    private String newTokenInTeam(String team) {
        String user = unique("colleague");
        assertThat(admin().post("/api/v1/users", Map.of("username", user, "role", "MEMBER", "team", team)).status())
                .isEqualTo(201);
        return admin().post("/api/v1/users/" + user + "/tokens", Map.of("name", "ci")).json().get("token").asText();
    }
}
