package dev.hourglass.backend.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A Prometheus server scrapes /actuator/prometheus with the scrape token (or an admin's API token; members and
 * anonymous callers are refused) and reads the scheduler, the queue and GPUs per team, the agents, metric ingest
 * and live streams; every series the Grafana dashboard in deploy/ plots is among them.
 */
class PrometheusScrapeTest extends ControlPlaneTest {

    private static final Path DASHBOARD = Path.of("../deploy/grafana/hourglass-control-plane.json");
    private static final Pattern SERIES = Pattern.compile("\\b((?:hourglass|http_server)_[a-z_]+)");

    @Autowired
    ClusterGauges gauges;

    private ApiClient scraper() {
        return admin().as(METRICS_TOKEN);
    }

    @Test
    void onlyTheScrapeTokenAndAdminsReadTheMetrics() {
        ApiClient member = newTeam(unique("curious"), 8);

        ApiClient.Response anonymous = admin().anonymous().get("/actuator/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"hourglass\"");
        assertThat(member.get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(admin().as("not-the-scrape-token").get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(scraper().get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(admin().get("/actuator/prometheus").status()).isEqualTo(200);
        // the scrape token reads the metrics and nothing else
        assertThat(scraper().get("/api/v1/jobs").status()).isEqualTo(401);
    }

    @Test
    void theScrapeShowsTheQueueGpusSubmissionsAgentsIngestAndStreams() {
        String team = unique("scraped");
        ApiClient member = newTeam(team, 8);
        long id = member.post("/api/v1/jobs", job("counted", "resnet8", 32)).json().get("id").asLong();
        agent().post("/api/v1/agent/jobs/" + id + "/metrics", Map.of("sequence", 1, "points", List.of(
                Map.of("name", "train.loss", "iteration", 0, "value", 2.0, "time", System.currentTimeMillis()))));
        newNodes(1);
        scheduling.runPass();
        gauges.refresh();

        String scrape = scraper().get("/actuator/prometheus").raw();

        assertThat(scrape).contains("hourglass_jobs_submitted_total{team=\"" + team + "\"} 1.0");
        assertThat(scrape).containsPattern("hourglass_team_gpus_quota\\{team=\"" + team + "\"} 8.0");
        assertThat(scrape).containsPattern("hourglass_queue_jobs\\{team=\"" + team + "\"} [01]\\.0");
        assertThat(scrape).containsPattern("hourglass_nodes\\{state=\"READY\"} [1-9]");
        assertThat(scrape).containsPattern("hourglass_scheduler_pass_seconds_count [1-9]");
        assertThat(scrape).containsPattern("hourglass_metrics_points_ingested_total [1-9]");
        assertThat(scrape).contains("hourglass_metrics_ingest_lag_seconds_count", "hourglass_events_streams",
                "hourglass_nodes_heartbeat_age_max_seconds");

        member.post("/api/v1/jobs/" + id + "/cancel", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> scraper().get("/actuator/prometheus").raw()
                .contains("hourglass_jobs_ended_total{status=\"CANCELLED\"}"));
    }

    @Test
    void everySeriesTheDashboardPlotsIsScraped() throws IOException {
        long id = newTeam(unique("dashboard"), 8).post("/api/v1/jobs", job("ended", "resnet8", 32)).json()
                .get("id").asLong();
        admin().post("/api/v1/jobs/" + id + "/cancel", null);
        scheduling.runPass();
        gauges.refresh();
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        Set<String> plotted = new TreeSet<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> {
            Matcher series = SERIES.matcher(target.get("expr").asText());
            while (series.find()) {
                plotted.add(series.group(1));
            }
        }));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = scraper().get("/actuator/prometheus").raw();
            assertThat(plotted).isNotEmpty().allSatisfy(name -> assertThat(scrape).contains("\n" + name));
        });
    }
}
