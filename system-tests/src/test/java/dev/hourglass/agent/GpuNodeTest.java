package dev.hourglass.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent on a GPU machine: this one has no GPU, so an {@code nvidia-smi} on the agent's PATH answers as an 8-GPU
 * H200 node would. The agent is the default (CPU) build, so the real worker, told its devices are GPUs, must refuse
 * and say which build would run them.
 */
@Tag("system")
class GpuNodeTest extends ControlPlaneTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Process agent;

    @AfterEach
    void stopAgent() {
        if (agent != null) {
            agent.descendants().forEach(ProcessHandle::destroyForcibly);
            agent.destroyForcibly();
        }
    }

    @Test
    void theNodeRegistersTheGpusNvidiaSmiReportsAndItsJobFailsAskingForTheCudaBuild() throws Exception {
        startWithEmptyCluster();
        String node = unique("h200");
        Path log = dir.resolve("agent.log");
        agent = startAgentWithNvidiaSmi(node, log);

        await("the node to register", () -> admin().get("/api/v1/nodes/" + node).status() == 200);
        JsonNode registered = admin().get("/api/v1/nodes/" + node).json();
        assertThat(registered.get("gpuCount").asInt()).isEqualTo(8);
        assertThat(registered.get("gpuModel").asText()).isEqualTo("NVIDIA H200");
        assertThat(registered.get("gpuMemoryMib").asInt()).isEqualTo(143771);
        // the control plane knows the node a moment before the agent logs that it does
        await("the agent to log its registration",
                () -> readLog(log).contains("registered with 8 GPU(s), NVIDIA H200 with 143771 MiB each"));
        assertThat(readLog(log)).contains("lacks ND4J's backend for them").contains("build the trainer with -Pcuda");

        ApiClient member = newTeam(unique("gpus"), 8);
        long id = member.post("/api/v1/jobs", job("on-gpus", "resnet8", 256)).json().get("id").asLong();
        scheduling.runPass();
        await("the job to end", () -> List.of("SUCCEEDED", "FAILED")
                .contains(member.get("/api/v1/jobs/" + id).json().get("status").asText()));

        JsonNode ended = member.get("/api/v1/jobs/" + id).json();
        assertThat(ended.get("status").asText()).isEqualTo("FAILED");
        assertThat(ended.get("failureReason").asText()).startsWith("rank 0: this node holds GPUs")
                .contains("build the trainer with -Pcuda");
    }

    private Process startAgentWithNvidiaSmi(String node, Path log) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, """
                #!/bin/sh
                [ "$*" = "--query-gpu=name,memory.total --format=csv,noheader,nounits" ] || { echo "unexpected: $*" >&2; exit 2; }
                for gpu in 0 1 2 3 4 5 6 7; do echo "NVIDIA H200, 143771"; done
                """);
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), AgentCommand.class.getName(),
                "--control-plane", "http://127.0.0.1:" + port, "--node", node, "--address", "localhost",
                "--remote-shell", "local", "--work-dir", dir.resolve("work").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOURGLASS_AGENT_TOKEN", AGENT_TOKEN);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return builder.start();
    }

    private static String readLog(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Until {@code condition} holds; an exception it throws (an assertion that fails fast) ends the wait at once. */
    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).alias("waiting for " + what)
                .until(condition::getAsBoolean);
    }
}
