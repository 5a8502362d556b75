package dev.hourglass.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step an agent runs to write a built-in dataset, run as the agent runs it: a JVM of its own. */
class PrepareDatasetMainTest {

    @TempDir
    Path folder;

    @Test
    void writesTheNamedSetAndExitsZero() throws Exception {
        Path root = folder.resolve("generated-coco");

        Result result = run("generated-coco", root);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(root.resolve("annotations").resolve("instances_train.json")).isRegularFile();
        assertThat(root.resolve("annotations").resolve("instances_val.json")).isRegularFile();
    }

    @Test
    void refusesANameThatIsNotBuiltInWithExitTwo() throws Exception {
        Result result = run("generated-1m", folder.resolve("x"));

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.output()).contains("'generated-1m' is not a built-in dataset");
        assertThat(folder.resolve("x")).doesNotExist();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String name, Path root) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process step = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, PrepareDatasetMain.class.getName(), name, root.toString()))
                .redirectErrorStream(true).start();
        String output = new String(step.getInputStream().readAllBytes());
        return new Result(step.waitFor(), output);
    }
}
