package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hourglass.backend.HourglassApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A new installation takes its first admin from configuration; there is no default password to fall back on. */
class BootstrapAdminTest {

    @TempDir
    Path home;

    @Test
    void aFreshInstallationWithNoAdminConfiguredRefusesToStartAndSaysWhatToSet() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(HourglassApplication.class).run(
                "--server.port=0", "--hourglass.home=" + home, "--hourglass.embedded-database=true",
                "--hourglass.bootstrap.admin-password=", "--hourglass.bootstrap.admin-token=").close());

        Throwable root = failure;
        while (root != null && !(root instanceof IllegalStateException && root.getMessage() != null
                && root.getMessage().contains("no administrator"))) {
            root = root.getCause();
        }
        assertThat(root).as("the start-up failure names what to configure: %s", failure).isNotNull();
        assertThat(root.getMessage()).contains("HOURGLASS_ADMIN_PASSWORD").contains("HOURGLASS_ADMIN_TOKEN");
    }
}
