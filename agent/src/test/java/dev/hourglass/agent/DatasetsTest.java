package dev.hourglass.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.protocol.WorkerPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path data;

    @Test
    void aFolderIsUsedAsGiven() throws IOException {
        assertThat(Datasets.resolve("/datasets/imagenet", data, "")).isEqualTo("/datasets/imagenet");
    }

    @Test
    void anUnknownGeneratedSetIsRefusedByName() {
        assertThatThrownBy(() -> Datasets.resolve("generated-1m", data, ""))
                .isInstanceOf(IOException.class).hasMessageContaining("'generated-1m' is not built into this agent");
    }

    @Test
    void aBuiltInSetIsWrittenByTheTrainersStepAndAWorkerClasspathWithoutItFailsWithTheStepsOwnWords() {
        // the agent's test classpath holds no trainer: the step cannot start, and says so
        assertThatThrownBy(() -> Datasets.resolve("generated", data, System.getProperty("java.class.path")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("writing the built-in dataset generated failed (exit 1)")
                .hasMessageContaining(WorkerPrograms.PREPARE_DATASET);
        assertThat(data.resolve("generated").resolve(Datasets.COMPLETE)).doesNotExist();
    }

    @Test
    void aSetAlreadyCompleteIsNotWrittenAgain() throws IOException {
        Files.createDirectories(data.resolve("generated"));
        Files.writeString(data.resolve("generated").resolve(Datasets.COMPLETE), "done\n");

        assertThat(Datasets.resolve("generated", data, "")).isEqualTo(data.resolve("generated").toString());
    }
}
