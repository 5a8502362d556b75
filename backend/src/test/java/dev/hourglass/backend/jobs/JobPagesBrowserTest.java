package dev.hourglass.backend.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.Browser;
import dev.hourglass.backend.support.ControlPlaneTest;
import dev.hourglass.recipe.BuiltInDataset;
import dev.hourglass.recipe.RecipePlan;
import dev.hourglass.recipe.RecipePlanner;
import dev.hourglass.recipe.RecipeRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The jobs pages in headless Chromium: submitting with the live preview, the list, a job's live charts, cancel. */
@Tag("browser")
class JobPagesBrowserTest extends ControlPlaneTest {

    @Test
    void aMemberSubmitsThroughTheFormWhileThePreviewFollowsKnAndFindsTheJobInTheList() {
        startWithEmptyCluster();
        String team = unique("vision");
        newTeam(team, 8);
        String user = newLogin(team);
        try (Browser browser = Browser.start(baseUrl())) {
            browser.logIn(user, PASSWORD);
            browser.click("header nav a[href='/jobs/new']");
            browser.waitForText("#preview-gpus", "k=8 on 1 node");
            assertThat(browser.text("#preview-warnings")).as("resnet8 at kn=256 on the 4,096 generated images")
                    .contains("kn/N = 1/16").contains("lost it from 1/78");

            browser.select("#model", "resnet50");
            browser.type("#dataset", "/data/imagenet");
            browser.type("#kn", "8192");
            browser.waitForText("#preview-gpus", "k=256 on 32 nodes, n=32");
            assertThat(browser.text("#preview-eta")).startsWith("η = 3.2 ");
            assertThat(browser.text("#preview-warmup")).contains("780 iterations").contains("0.1 → 3.2");
            assertThat(browser.text("#preview-length")).contains("14,040 iterations");
            assertThat(browser.find("#preview-lr").getAttribute("data-points")).isEqualTo("10");
            assertThat(browser.findAll("#preview-warnings .warning")).isEmpty();

            browser.type("#kn", "512");
            browser.waitForText("#preview-gpus", "k=16 on 2 nodes");
            assertThat(browser.text("#preview-eta")).startsWith("η = 0.2 ");

            browser.type("#kn", "16384");
            browser.waitForText("#preview-warnings", "+1.2 points");

            browser.type("#kn", "1000");
            browser.waitForText("[data-error-for='kn']", "kn=1000 is not a multiple of perGpuBatch=32");
            assertThat(browser.find("#kn").getAttribute("class")).contains("invalid");
            browser.screenshot("submit-invalid-kn");

            browser.type("#name", "r50-8k");
            browser.type("#kn", "8192");
            browser.waitForText("#preview-gpus", "k=256 on 32 nodes");
            browser.click("#submit-job");
            browser.waitForText("#form-problem", "quota of 8 GPUs");
            assertThat(browser.text("[data-error-for='kn']")).isEqualTo("needs 256 GPUs, above the quota of 8");
            assertThat(browser.find("#name").getAttribute("value")).isEqualTo("r50-8k");

            browser.type("#kn", "256");
            browser.waitForText("#preview-gpus", "k=8 on 1 node");
            assertThat(browser.text("[data-error-for='kn']")).isEmpty();
            browser.type("#seed", "11");
            browser.click("#submit-job");
            String path = browser.waitUntil("the new job's page", d -> browser.path().matches("/jobs/\\d+") ? browser.path() : null);
            long id = Long.parseLong(path.substring("/jobs/".length()));
            assertThat(browser.text("h1")).contains("r50-8k").contains("QUEUED");
            assertThat(browser.text("#job-seed")).isEqualTo("11");

            browser.click("header nav a[href='/jobs']");
            browser.select("#filter-status", "QUEUED");
            browser.click("#job-filters button");
            browser.waitUntil("the filtered list", d -> browser.path().contains("status=QUEUED"));
            String row = browser.text("#job-" + id);
            assertThat(row).contains("r50-8k", team, "resnet50", "QUEUED", "256", "8", "iteration 0 / 450,360",
                    "waiting: ");
            browser.screenshot("jobs-list");
        }
        assertThat(admin().get("/api/v1/jobs?team=" + team).json().get("total").asLong()).isEqualTo(1);
    }

    @Test
    void theJobPageDrawsTheAgentsMetricsLiveAndCancelsTheJob() {
        startWithEmptyCluster();
        String node = newNodes(1).get(0);
        String team = unique("live");
        newTeam(team, 8);
        String user = newLogin(team);
        long id = admin().post("/api/v1/jobs", Map.of("name", "r8-kn2048", "team", team, "model", "resnet8",
                "dataset", "generated", "kn", 2048, "perGpuBatch", 256)).json().get("id").asLong();
        scheduling.runPass();
        assertThat(agent().post("/api/v1/agent/jobs/" + id + "/status", Map.of("status", "RUNNING")).status())
                .isEqualTo(200);
        RecipePlan plan = RecipePlanner.plan(new RecipeRequest("resnet8", 2048, 256, null,
                BuiltInDataset.GENERATED.trainImages(), null));
        sendMetrics(id, 1, 0, 30, plan);

        try (Browser browser = Browser.start(baseUrl())) {
            browser.resize(1440, 1500);
            browser.logIn(user, PASSWORD);
            browser.open("/jobs/" + id);
            waitForPoints(browser, "#chart-loss", 30);
            assertThat(browser.text("#job-status")).isEqualTo("RUNNING");
            assertThat(browser.find("#chart-lr").getAttribute("data-points"))
                    .isEqualTo(String.valueOf(30 + plan.learningRateCurve().size()));
            assertThat(browser.text(".allocation")).contains(node).contains("GPUs 0, 1, 2, 3, 4, 5, 6, 7");
            assertThat(browser.text("#recipe-gpus")).isEqualTo("k=8 on 1 node, n=256 per GPU");
            assertThat(browser.text("#recipe-warmup")).isEqualTo("gradual over 5 epochs (10 iterations), 0.1 → 0.8");

            sendMetrics(id, 2, 30, 40, plan);
            sendMetrics(id, 3, 40, 50, plan);
            waitForPoints(browser, "#chart-loss", 50);
            waitForPoints(browser, "#chart-time", 100);
            waitForPoints(browser, "#chart-top1", 55);
            browser.waitForText("#job-progress", "iteration 49 / 180");
            browser.screenshot("job-page");

            browser.click("#cancel-job");
            browser.acceptConfirmation();
            browser.waitForText("#job-status", "CANCELLED");
            assertThat(browser.text(".notices")).contains("Job " + id + " cancelled");
            assertThat(browser.text("#job-events")).contains("CANCELLED: cancelled by " + user);
            assertThat(browser.findAll("#cancel-job")).isEmpty();
        }
        assertThat(admin().get("/api/v1/jobs/" + id).json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(admin().get("/api/v1/nodes/" + node).json().get("freeGpus").asInt()).isEqualTo(8);
    }

    @Test
    void aMaskRcnnJobIsSubmittedThroughTheFormAndItsPageChartsTheLossTermsAndBoxAndMaskAp() {
        startWithEmptyCluster();
        newNodes(1);
        String team = unique("masks");
        newTeam(team, 8);
        String user = newLogin(team);
        try (Browser browser = Browser.start(baseUrl())) {
            browser.resize(1440, 1500);
            browser.logIn(user, PASSWORD);
            browser.open("/jobs/new");
            browser.select("#model", "mask-rcnn-small");
            browser.type("#dataset", "generated-coco");
            browser.type("#kn", "16");
            browser.waitForText("#preview-gpus", "k=8 on 1 node, n=2");
            assertThat(browser.text("#preview-eta")).startsWith("η = 0.02 ");
            assertThat(browser.text("#preview-length")).contains("693 iterations");
            browser.type("#name", "masks-kn16");
            browser.click("#submit-job");
            String path = browser.waitUntil("the new job's page", d -> browser.path().matches("/jobs/\\d+") ? browser.path() : null);
            long id = Long.parseLong(path.substring("/jobs/".length()));
            scheduling.runPass();
            assertThat(agent().post("/api/v1/agent/jobs/" + id + "/status", Map.of("status", "RUNNING")).status())
                    .isEqualTo(200);
            long now = System.currentTimeMillis();
            List<Map<String, Object>> points = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                double decay = Math.exp(-i / 20.0);
                points.add(point("train.loss", i, 2.4 * decay + 0.6, now));
                points.add(point("train.loss_rpn_objectness", i, 0.6 * decay + 0.05, now));
                points.add(point("train.loss_rpn_box", i, 0.05 * decay + 0.02, now));
                points.add(point("train.loss_box_class", i, 0.7 * decay + 0.2, now));
                points.add(point("train.loss_box_regression", i, 0.3 * decay + 0.1, now));
                points.add(point("train.loss_mask", i, 0.69 * decay + 0.2, now));
                if (i % 32 == 31) {
                    points.add(point("val.box_ap", i, 0.3 * (1 - decay), now));
                    points.add(point("val.mask_ap", i, 0.25 * (1 - decay), now));
                }
            }
            assertThat(agent().post("/api/v1/agent/jobs/" + id + "/metrics",
                    Map.of("sequence", 1, "points", points)).status()).isEqualTo(200);

            browser.open("/jobs/" + id);
            waitForPoints(browser, "#chart-loss-terms", 64);
            waitForPoints(browser, "#chart-ap", 2);
            assertThat(browser.findAll("#chart-top1")).as("no top-1 error for a detector").isEmpty();
            assertThat(browser.text("#recipe-gpus")).isEqualTo("k=8 on 1 node, n=2 per GPU");
            browser.screenshot("mask-rcnn-job-page");
        }
    }

    private static void waitForPoints(Browser browser, String chart, int points) {
        browser.waitUntil(points + " points on " + chart, d -> {
            String drawn = browser.find(chart).getAttribute("data-points");
            return drawn != null && Integer.parseInt(drawn) >= points ? drawn : null;
        });
    }

    /** One batch as the agent forwards it: a trainer's series for iterations [from, to), validated every 10. */
    private void sendMetrics(long jobId, long sequence, int from, int to, RecipePlan plan) {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = from; i < to; i++) {
            double progress = i / 50.0;
            points.add(point("train.loss", i, 2.1 * Math.exp(-2 * progress) + 0.35 + 0.03 * Math.sin(i), now));
            points.add(point("train.top1_error", i, 0.55 * Math.exp(-1.6 * progress) + 0.3, now));
            points.add(point("lr", i, plan.learningRateAt(i), now));
            points.add(point("images_per_s", i, 880 + 25 * Math.sin(i / 3.0), now));
            points.add(point("iteration_s", i, 0.29 + 0.01 * Math.sin(i / 2.0), now));
            points.add(point("allreduce_s", i, 0.06 + 0.004 * Math.cos(i / 2.0), now));
            if (i % 10 == 9) {
                points.add(point("val.top1_error", i, 0.6 * Math.exp(-1.4 * progress) + 0.33, now));
            }
        }
        assertThat(agent().post("/api/v1/agent/jobs/" + jobId + "/metrics",
                Map.of("sequence", sequence, "points", points)).status()).isEqualTo(200);
    }

    private static Map<String, Object> point(String name, long iteration, double value, long time) {
        return Map.of("name", name, "iteration", iteration, "value", value, "time", time);
    }
}
