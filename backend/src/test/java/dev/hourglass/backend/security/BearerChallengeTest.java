package dev.hourglass.backend.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import org.junit.jupiter.api.Test;

/**
 * A 401 says how to authenticate (RFC 6750's WWW-Authenticate: Bearer, with invalid_token for a token that does not
 * check out), and API calls, refused or not, start no session: a pipeline gets no cookie to carry around.
 */
class BearerChallengeTest extends ControlPlaneTest {

    @Test
    void aCallWithoutCredentialsIsChallengedForABearerTokenAndGetsNoSession() {
        ApiClient.Response refused = admin().anonymous().get("/api/v1/jobs");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"hourglass\"");
        assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aTokenThatDoesNotCheckOutIsAnInvalidTokenAndGetsNoSession() {
        ApiClient.Response refused = admin().as("not-a-token-of-this-control-plane").get("/api/v1/jobs");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"hourglass\", error=\"invalid_token\"");
        assertThat(refused.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void anAuthenticatedBearerCallGetsNoSessionEither() {
        ApiClient member = newTeam(unique("cookieless"), 8);

        assertThat(member.get("/api/v1/jobs").headers().allValues("Set-Cookie")).isEmpty();
        assertThat(member.post("/api/v1/jobs", job("plain", "resnet8", 32)).headers().allValues("Set-Cookie"))
                .isEmpty();
    }
}
