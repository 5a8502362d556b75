package dev.hourglass.backend.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.Browser;
import dev.hourglass.backend.support.ControlPlaneTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The admin's team pages in headless Chromium; a member who tries one gets the 403 page. */
@Tag("browser")
class TeamPagesBrowserTest extends ControlPlaneTest {

    @Test
    void anAdminEditsAQuotaAndCreatesAndRevokesAMembersToken() {
        String team = unique("quota");
        newTeam(team, 8);
        String member = newLogin(team);
        try (Browser browser = Browser.start(baseUrl())) {
            browser.logIn(ADMIN_USERNAME, ADMIN_PASSWORD);
            browser.click("header nav a[href='/teams']");
            assertThat(browser.text("#team-" + team)).contains("0 / 8 GPUs").contains("0.00 GPU-hours");
            browser.click("#team-" + team + " a");
            browser.waitUntil("the team's page", d -> browser.path().equals("/teams/" + team));

            browser.type("#quotaGpus", "2000000");
            browser.click("#save-quota");
            browser.waitForText("#quota-error", "must be between 0 and 1000000");
            browser.type("#quotaGpus", "24");
            browser.click("#save-quota");
            browser.waitForText(".notices", "Team " + team + " now has a quota of 24 GPUs.");
            assertThat(browser.text("#quota-usage")).isEqualTo("0 / 24 GPUs in use");
            assertThat(admin().get("/api/v1/teams/" + team + "/usage").json().get("quotaGpus").asInt()).isEqualTo(24);

            String tokens = "#tokens-" + member;
            browser.type(tokens + " .create-token input[name='name']", "nightly");
            browser.click(tokens + " .create-token button");
            String token = browser.waitForText(tokens + " .created-token", "hg_");
            browser.screenshot("team-page");
            assertThat(admin().as(token).get("/api/v1/me").json().get("username").asText()).isEqualTo(member);

            browser.open("/teams/" + team);
            assertThat(browser.findAll(".created-token")).as("a token is shown once").isEmpty();
            browser.click(tokens + " .revoke");
            browser.waitForText(".notices", "Token 'nightly' of " + member + " is revoked");
            assertThat(admin().as(token).get("/api/v1/me").status()).isEqualTo(401);
        }
    }

    @Test
    void aMemberTryingAnAdminPageGetsTheForbiddenPage() {
        String team = unique("members");
        newTeam(team, 8);
        try (Browser browser = Browser.start(baseUrl())) {
            browser.logIn(newLogin(team), PASSWORD);
            assertThat(browser.findAll("header nav a[href='/teams']")).isEmpty();
            browser.open("/teams");
            assertThat(browser.text(".error-code")).isEqualTo("403");
            assertThat(browser.text("main h1")).isEqualTo("Forbidden");
            assertThat(browser.text("main")).contains("for administrators");
            browser.screenshot("member-on-admin-page");
        }
    }
}
