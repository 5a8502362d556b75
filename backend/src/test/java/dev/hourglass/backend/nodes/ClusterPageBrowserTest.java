package dev.hourglass.backend.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.Browser;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The cluster page in headless Chromium: GPUs coloured by their jobs, node states, the queue's reasons. */
@Tag("browser")
class ClusterPageBrowserTest extends ControlPlaneTest {

    @Test
    void everyNodeShowsItsGpusByTheJobHoldingThemAndTheQueueSaysWhyJobsWait() {
        startWithEmptyCluster();
        List<String> nodes = newNodes(2);
        String small = unique("small");
        String large = unique("large");
        newTeam(small, 8);
        newTeam(large, 8);
        long four = submit("four", small, 128);
        long eight = submit("eight", large, 256);
        long waiting = submit("waits", small, 256);
        scheduling.runPass();

        try (Browser browser = Browser.start(baseUrl())) {
            browser.logIn(ADMIN_USERNAME, ADMIN_PASSWORD);
            browser.click("header nav a[href='/cluster']");
            for (String node : nodes) {
                assertThat(browser.find("#node-" + node).getAttribute("data-state")).isEqualTo("busy");
                assertThat(browser.text("#node-" + node + " .heartbeat")).matches("heartbeat \\d+ s ago");
            }
            assertThat(browser.findAll(".gpu[data-job='" + four + "']")).hasSize(4);
            assertThat(browser.findAll(".gpu[data-job='" + eight + "']")).hasSize(8);
            assertThat(colours(browser, four)).hasSize(1).doesNotContainAnyElementsOf(colours(browser, eight));
            assertThat(browser.find(".gpu[data-job='" + four + "']").getAttribute("title"))
                    .contains("job " + four).contains("team " + small);
            assertThat(browser.text("#holders")).contains("#" + four + " four").contains(large);

            String queued = browser.text("#queued-" + waiting);
            assertThat(queued).contains("QUOTA").contains("team " + small + " holds 4 of its 8-GPU quota");
            browser.screenshot("cluster");

            String node = nodes.get(0);
            browser.click("#node-" + node + " form[action$='/drain'] button");
            browser.waitForText(".notices", "Node " + node + " is draining");
            assertThat(browser.find("#node-" + node).getAttribute("data-state")).isEqualTo("draining");
        }
        assertThat(admin().get("/api/v1/nodes/" + nodes.get(0)).json().get("state").asText()).isEqualTo("DRAINING");
    }

    private long submit(String name, String team, int kn) {
        return admin().post("/api/v1/jobs", Map.of("name", name, "team", team, "model", "resnet8",
                "dataset", "generated", "kn", kn)).json().get("id").asLong();
    }

    private static Set<String> colours(Browser browser, long job) {
        return browser.findAll(".gpu[data-job='" + job + "']").stream().map(gpu -> gpu.getCssValue("background-color"))
                .collect(Collectors.toSet());
    }
}
