package dev.hourglass.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.Browser;
import dev.hourglass.backend.support.ControlPlaneTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Logging in and out in headless Chromium, and the header that says who is logged in. */
@Tag("browser")
class LoginPageBrowserTest extends ControlPlaneTest {

    @Test
    void aWrongPasswordIsRefusedAndTheHeaderNamesTheUserTheirTeamAndRole() {
        String team = unique("login");
        newTeam(team, 8);
        String user = newLogin(team);
        try (Browser browser = Browser.start(baseUrl())) {
            browser.open("/jobs");
            browser.waitUntil("the login form", d -> browser.path().equals("/login"));
            browser.type("#username", user);
            browser.type("#password", "not-the-password");
            browser.click("#log-in");
            browser.waitForText("#login-error", "Wrong username or password");
            browser.screenshot("login-refused");

            browser.logIn(user, PASSWORD);
            assertThat(browser.path()).as("back where the login interrupted").startsWith("/jobs");
            assertThat(browser.text("header .who .user")).isEqualTo(user);
            assertThat(browser.text("header .who .team")).isEqualTo("team " + team);
            assertThat(browser.text("header .who .role")).isEqualTo("MEMBER");
            assertThat(browser.find("header nav a[href='/swagger-ui.html']").getText()).isEqualTo("API");

            browser.click("header .who form button");
            browser.waitUntil("the logged-out login page", d -> browser.path().equals("/login?logout"));
            browser.open("/jobs");
            browser.waitUntil("the login form again", d -> browser.path().equals("/login"));
        }
    }
}
