package dev.hourglass.backend.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With dataset folders configured ({@code hourglass.dataset-roots}), a job's dataset must lie under one of them:
 * a member cannot point jobs anywhere on the nodes and learn from how they fail which folders exist.
 */
class DatasetRootsTest extends ControlPlaneTest {

    @DynamicPropertySource
    static void datasetRoots(DynamicPropertyRegistry registry) {
        registry.add("hourglass.dataset-roots", () -> "/datasets,/mnt/shared/images");
    }

    @Test
    void aDatasetOutsideTheConfiguredFoldersIsRefusedAndOneInsideOrBuiltInIsAccepted() {
        ApiClient member = newTeam(unique("roots"), 8);

        for (String outside : new String[] {"/etc", "/root/.ssh", "/datasetsX/imagenet", "/mnt/shared"}) {
            ApiClient.Response refused = member.post("/api/v1/jobs", Map.of("name", "probe", "model", "resnet8",
                    "dataset", outside, "kn", 32, "datasetSize", 1024));
            assertThat(refused.status()).as(outside + ": " + refused).isEqualTo(400);
            assertThat(refused.detail()).contains("is not under a dataset folder of this cluster: /datasets,"
                    + " /mnt/shared/images");
        }
        assertThat(member.post("/api/v1/jobs", Map.of("name", "inside", "model", "resnet8",
                "dataset", "/mnt/shared/images/imagenet", "kn", 32, "datasetSize", 1024)).status()).isEqualTo(201);
        assertThat(member.post("/api/v1/jobs", job("built-in", "resnet8", 32)).status()).isEqualTo(201);
    }
}
