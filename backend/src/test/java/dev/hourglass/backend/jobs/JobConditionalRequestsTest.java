package dev.hourglass.backend.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A created job answers with its Location; a job carries an ETag that changes when the job does; If-None-Match with
 * it answers 304 while nothing changed, and If-Match makes a cancel conditional on the job being as last read.
 */
class JobConditionalRequestsTest extends ControlPlaneTest {

    @Test
    void aCreatedJobSaysWhereItLivesAndItsETagChangesWhenItDoes() {
        startWithEmptyCluster(); // the job stays queued until this test adds a node
        ApiClient member = newTeam(unique("etag"), 8);
        ApiClient.Response created = member.post("/api/v1/jobs", job("tagged", "resnet8", 32));
        long id = created.json().get("id").asLong();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + id);
        // a scheduling pass writes why the job waits, which changes the job: wait for it before reading the ETag
        await().atMost(Duration.ofSeconds(30)).until(() -> !member.get("/api/v1/jobs/" + id).json().path("waiting")
                .path("kind").asText().equals(JobView.Waiting.NOT_YET_SCHEDULED));

        ApiClient.Response read = member.get(created.headers().firstValue("Location").orElseThrow());
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(member.get("/api/v1/jobs/" + id).headers().firstValue("ETag")).hasValue(etag);
        assertThat(member.with("If-None-Match", etag).get("/api/v1/jobs/" + id).status()).isEqualTo(304);

        placeQueuedJobs();
        assertThat(member.get("/api/v1/jobs/" + id).json().get("status").asText()).isEqualTo("STARTING");

        ApiClient.Response changed = member.with("If-None-Match", etag).get("/api/v1/jobs/" + id);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void aCancelWithAStaleIfMatchIsRefusedAndOneWithTheCurrentETagCancels() {
        startWithEmptyCluster();
        ApiClient member = newTeam(unique("if-match"), 8);
        long id = member.post("/api/v1/jobs", job("guarded", "resnet8", 32)).json().get("id").asLong();
        String seen = member.get("/api/v1/jobs/" + id).headers().firstValue("ETag").orElseThrow();
        placeQueuedJobs();

        ApiClient.Response stale = member.with("If-Match", seen).post("/api/v1/jobs/" + id + "/cancel", null);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.detail()).contains("has changed since");
        assertThat(member.get("/api/v1/jobs/" + id).json().get("status").asText()).isEqualTo("STARTING");

        String current = member.get("/api/v1/jobs/" + id).headers().firstValue("ETag").orElseThrow();
        ApiClient.Response cancelled = member.with("If-Match", current).post("/api/v1/jobs/" + id + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
    }

    private void placeQueuedJobs() {
        newNodes(1);
        scheduling.runPass();
    }

    @Test
    void anotherTeamsJobIsNotFoundWhateverItsHeaders() {
        ApiClient owner = newTeam(unique("owner"), 8);
        long id = owner.post("/api/v1/jobs", job("private", "resnet8", 32)).json().get("id").asLong();
        ApiClient stranger = newTeam(unique("stranger"), 8);

        ApiClient.Response read = stranger.get("/api/v1/jobs/" + id);
        ApiClient.Response cancel = stranger.with("If-Match", "*").post("/api/v1/jobs/" + id + "/cancel", null);

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.headers().firstValue("ETag")).isEmpty();
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(read.detail()).isEqualTo("no job " + id);
    }
}
