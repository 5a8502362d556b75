package dev.hourglass.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ControlPlaneTest;
import dev.hourglass.backend.support.WebSession;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pages over plain HTTP: where a browser lands, forms refused without their CSRF token, the 403 page. */
class PageSecurityTest extends ControlPlaneTest {

    @Test
    void theRootLeadsToTheJobsPageAndAnAnonymousBrowserToTheLoginForm() {
        WebSession anonymous = new WebSession(baseUrl());
        assertThat(anonymous.get("/jobs").location()).endsWith("/login");
        assertThat(anonymous.get("/login").html()).contains("Log in to Hourglass");
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);

        WebSession admin = new WebSession(baseUrl()).logIn(ADMIN_USERNAME, ADMIN_PASSWORD);
        WebSession.Page root = admin.get("/");
        assertThat(root.status()).isEqualTo(302);
        assertThat(root.location()).endsWith("/jobs");
        WebSession.Page jobs = admin.get("/jobs");
        assertThat(jobs.status()).isEqualTo(200);
        assertThat(jobs.html()).contains("href=\"/swagger-ui.html\"");
    }

    @Test
    void aFormPostedWithoutItsCsrfTokenChangesNothing() {
        startWithEmptyCluster();
        String team = unique("csrf");
        newTeam(team, 8);
        String user = newLogin(team);
        WebSession browser = new WebSession(baseUrl()).logIn(user, PASSWORD);
        long id = admin().post("/api/v1/jobs", Map.of("name", "victim", "team", team, "model", "resnet8",
                "dataset", "generated", "kn", 32)).json().get("id").asLong();

        WebSession.Page forged = browser.post("/jobs/" + id + "/cancel", Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(admin().get("/api/v1/jobs/" + id).json().get("status").asText()).isEqualTo("QUEUED");

        String token = browser.get("/jobs/" + id).csrfToken();
        WebSession.Page cancelled = browser.post("/jobs/" + id + "/cancel", Map.of("_csrf", token));
        assertThat(cancelled.location()).endsWith("/jobs/" + id);
        assertThat(admin().get("/api/v1/jobs/" + id).json().get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void aMemberGetsTheForbiddenPageForAdminPagesAndOtherTeamsJobs() {
        String ours = unique("ours");
        String theirs = unique("theirs");
        newTeam(ours, 8);
        newTeam(theirs, 8);
        WebSession member = new WebSession(baseUrl()).logIn(newLogin(ours), PASSWORD);
        long theirJob = admin().post("/api/v1/jobs", Map.of("name", "theirs", "team", theirs, "model", "resnet8",
                "dataset", "generated", "kn", 32)).json().get("id").asLong();

        for (String page : new String[] {"/teams", "/teams/" + ours, "/jobs?team=" + theirs}) {
            WebSession.Page refused = member.get(page);
            assertThat(refused.status()).as(page).isEqualTo(403);
            assertThat(refused.contentType()).as(page).startsWith("text/html");
            assertThat(refused.html()).as(page).contains("Forbidden");
        }
        WebSession.Page theirJobPage = member.get("/jobs/" + theirJob);
        assertThat(theirJobPage.status()).isEqualTo(404);
        assertThat(theirJobPage.html()).contains("no job " + theirJob).doesNotContain(theirs);
        String token = member.get("/jobs").csrfToken();
        assertThat(member.post("/teams/" + ours + "/quota", Map.of("quotaGpus", "1000", "_csrf", token)).status())
                .isEqualTo(403);
        assertThat(admin().get("/api/v1/teams/" + ours + "/usage").json().get("quotaGpus").asInt()).isEqualTo(8);
        assertThat(member.get("/jobs").html()).doesNotContain(">theirs<");
    }

    @Test
    void theClusterPageShowsAMemberOnlyThatAnotherTeamHoldsAGpu() {
        startWithEmptyCluster();
        newNodes(1);
        String ours = unique("ours");
        String theirs = unique("theirs");
        newTeam(ours, 8);
        newTeam(theirs, 8).post("/api/v1/jobs", job("project-x", "resnet8", 64));
        scheduling.runPass();

        String page = new WebSession(baseUrl()).logIn(newLogin(ours), PASSWORD).get("/cluster").html();

        assertThat(page).contains("in use by another team").doesNotContain("project-x").doesNotContain(theirs);
    }
}
