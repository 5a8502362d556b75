package dev.hourglass.backend.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipePreviewApiTest extends ControlPlaneTest {

    @Test
    void previewDerivesThePapersEightKRecipe() {
        ApiClient.Response preview = admin().post("/api/v1/recipes/preview", Map.of("model", "resnet50", "kn", 8192));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("k").asInt()).isEqualTo(256);
        assertThat(preview.json().get("nodes").asInt()).isEqualTo(32);
        assertThat(preview.json().get("peakLr").asDouble()).isEqualTo(3.2);
        assertThat(preview.json().get("warmup").get("iterations").asLong()).isEqualTo(780);
        assertThat(preview.json().get("schedule")).hasSize(3);
        assertThat(preview.json().get("warnings")).isEmpty();
    }

    @Test
    void previewListsTheRateOverTheWholeRunForAChart() {
        ApiClient.Response preview = admin().post("/api/v1/recipes/preview", Map.of("model", "resnet50", "kn", 8192));

        assertThat(preview.json().get("lrCurve")).extracting(p -> p.get("iteration").asLong())
                .containsExactly(0L, 779L, 780L, 4679L, 4680L, 9359L, 9360L, 12479L, 12480L, 14039L);
        assertThat(preview.json().get("lrCurve").get(2).get("lr").asDouble()).isEqualTo(3.2);
        assertThat(preview.json().get("lrCurve").get(9).get("lr").asDouble()).isEqualTo(0.0032);
    }

    @Test
    void previewWarnsAboveEightK() {
        ApiClient.Response preview = admin().post("/api/v1/recipes/preview", Map.of("model", "resnet50", "kn", 16384));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("warnings").get(0).asText()).contains("+1.2 points");
    }

    @Test
    void previewWarnsWhenKnOverNIsBeyondThePapersRegime() {
        ApiClient.Response preview = admin().post("/api/v1/recipes/preview",
                Map.of("model", "resnet8", "kn", 256, "datasetSize", 4096));

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("warnings")).singleElement().extracting(w -> w.asText()).asString()
                .startsWith("kn/N = 1/16 (kn=256 on 4,096 images, 16 iterations per epoch): the paper kept accuracy"
                        + " up to kn/N = 1/156 (8k on ImageNet) and lost it from 1/78");
    }

    @Test
    void anInvalidPreviewListsEveryOffendingField() {
        ApiClient.Response refused = admin().post("/api/v1/recipes/preview",
                Map.of("model", "vgg", "kn", 1000, "epochs", 0));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("model", "epochs");
        assertThat(refused.detail()).contains("unknown model 'vgg'");
    }
}
