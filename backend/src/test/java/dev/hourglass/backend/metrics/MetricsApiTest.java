package dev.hourglass.backend.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agents send sequence-numbered metric batches; the API serves the series, downsampled on request. */
class MetricsApiTest extends ControlPlaneTest {

    private static Map<String, Object> point(String name, long iteration, double value) {
        return Map.of("name", name, "iteration", iteration, "value", value, "time", System.currentTimeMillis());
    }

    private static Map<String, Object> batch(long sequence, List<Map<String, Object>> points) {
        return Map.of("sequence", sequence, "points", points);
    }

    @Test
    void aBatchIsStoredOnceEvenWhenSentAgainAndAGapIsRefused() {
        ApiClient member = newTeam(unique("metrics"), 8);
        long id = member.post("/api/v1/jobs", job("m", "resnet8", 32)).json().get("id").asLong();
        String path = "/api/v1/agent/jobs/" + id + "/metrics";

        ApiClient.Response first = agent().post(path, batch(1, List.of(point("train.loss", 1, 2.3), point("lr", 1, 0.1))));
        ApiClient.Response again = agent().post(path, batch(1, List.of(point("train.loss", 1, 2.3), point("lr", 1, 0.1))));
        ApiClient.Response gap = agent().post(path, batch(3, List.of(point("train.loss", 3, 2.1))));
        ApiClient.Response second = agent().post(path, batch(2, List.of(point("train.loss", 2, 2.2))));

        assertThat(first.json().get("stored").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("stored").asBoolean()).isFalse();
        assertThat(again.json().get("nextSequence").asLong()).isEqualTo(2);
        assertThat(gap.status()).isEqualTo(409);
        assertThat(gap.detail()).contains("the next batch expected is 2");
        assertThat(second.json().get("stored").asBoolean()).isTrue();

        JsonNode series = member.get("/api/v1/jobs/" + id + "/metrics").json().get("series");
        assertThat(series.get("train.loss")).extracting(p -> p.get("iteration").asLong()).containsExactly(1L, 2L);
        assertThat(series.get("train.loss")).extracting(p -> p.get("value").asDouble()).containsExactly(2.3, 2.2);
        assertThat(series.get("lr")).hasSize(1);
        assertThat(member.get("/api/v1/jobs/" + id).json().get("progress").get("iteration").asLong()).isEqualTo(2);
    }

    @Test
    void aLongSeriesIsDownsampledByAveragingEqualIterationRanges() {
        ApiClient member = newTeam(unique("downsample"), 8);
        long id = member.post("/api/v1/jobs", job("long", "resnet8", 32)).json().get("id").asLong();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            points.add(point("train.loss", i, i));
        }
        agent().post("/api/v1/agent/jobs/" + id + "/metrics", batch(1, points));

        JsonNode series = member.get("/api/v1/jobs/" + id + "/metrics?names=train.loss&points=10").json()
                .get("series").get("train.loss");

        assertThat(series).hasSize(10);
        assertThat(series.get(0).get("value").asDouble()).isEqualTo(49.5);
        assertThat(series.get(0).get("iteration").asLong()).isEqualTo(99);
        assertThat(series.get(9).get("iteration").asLong()).isEqualTo(999);
        assertThat(member.get("/api/v1/jobs/" + id + "/metrics?names=train.loss").json().get("series")
                .get("train.loss")).hasSize(1000);
        assertThat(member.get("/api/v1/jobs/" + id + "/metrics?points=1").status()).isEqualTo(400);
        ApiClient.Response tooManyNames = member.get("/api/v1/jobs/" + id + "/metrics?names=" + "a".repeat(10_000));
        assertThat(tooManyNames.status()).isEqualTo(400);
        assertThat(tooManyNames.contentType()).startsWith("application/problem+json");
        assertThat(tooManyNames.detail()).contains("names has 10000 characters; at most 4096");
    }

    @Test
    void anotherTeamCannotReadTheSeriesAndBadBatchesAreRefused() {
        ApiClient member = newTeam(unique("private"), 8);
        ApiClient other = newTeam(unique("nosy"), 8);
        long id = member.post("/api/v1/jobs", job("secret", "resnet8", 32)).json().get("id").asLong();
        String path = "/api/v1/agent/jobs/" + id + "/metrics";

        assertThat(other.get("/api/v1/jobs/" + id + "/metrics").status()).isEqualTo(404);
        assertThat(member.post(path, batch(1, List.of(point("train.loss", 1, 1)))).status()).isEqualTo(401);
        assertThat(agent().post(path, batch(1, List.of(point("Bad Name", 1, 1)))).status()).isEqualTo(400);
        assertThat(agent().post(path, batch(0, List.of())).status()).isEqualTo(400);
        assertThat(agent().post("/api/v1/agent/jobs/987654321/metrics", batch(1, List.of())).status()).isEqualTo(404);
        assertThat(member.get("/api/v1/jobs/" + id + "/metrics").json().get("series").size()).isZero();
    }
}
