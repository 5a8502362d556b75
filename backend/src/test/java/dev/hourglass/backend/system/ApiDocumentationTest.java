package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import org.junit.jupiter.api.Test;

class ApiDocumentationTest extends ControlPlaneTest {

    @Test
    void theOpenApiDocumentDescribesTheApiAndSwaggerUiIsServed() {
        ApiClient.Response document = admin().anonymous().get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("paths").has("/api/v1/jobs")).isTrue();
        assertThat(document.json().get("paths").has("/api/v1/recipes/preview")).isTrue();
        assertThat(document.json().get("paths").has("/api/v1/teams/{team}/quota")).isTrue();
        assertThat(admin().anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    @Test
    void healthIsPublic() {
        assertThat(admin().anonymous().get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
    }
}
