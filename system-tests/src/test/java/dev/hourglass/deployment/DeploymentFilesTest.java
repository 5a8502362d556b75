package dev.hourglass.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.trainer.agent.AgentCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * There is no Docker engine here, so the images and the compose file are kept honest by reading them: every
 * path they copy or build exists in the project (or is produced by its build), every variable they set is one
 * the programs read, every port and command-line option is one the programs use.
 */
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKER = ROOT.resolve("docker");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyBuildContextAndDockerfileExistsAndEveryCopiedBuildOutputIsProducedByTheBuild() throws IOException {
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            Map<String, Object> build = (Map<String, Object>) service.getValue().get("build");
            if (build == null) {
                continue;
            }
            Path context = DOCKER.resolve((String) build.get("context")).normalize();
            Path dockerfile = context.resolve((String) build.get("dockerfile"));
            assertThat(context).as(service.getKey() + " build context").isEqualTo(ROOT);
            assertThat(dockerfile).as(service.getKey() + " dockerfile").isRegularFile();
            String text = Files.readString(dockerfile);
            Matcher copied = Pattern.compile("/src/([\\w./-]+)").matcher(text);
            while (copied.find()) {
                if (copied.group(1).contains("target/") || copied.group(1).startsWith("scripts/")) {
                    assertThat(ROOT.resolve(copied.group(1))).as(dockerfile.getFileName() + " uses " + copied.group(1))
                            .exists();
                }
            }
            Matcher scripts = Pattern.compile("(scripts/[\\w./-]+\\.sh)").matcher(text);
            while (scripts.find()) {
                assertThat(ROOT.resolve(scripts.group(1))).as(dockerfile.getFileName() + " runs " + scripts.group(1))
                        .isExecutable();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theControlPlanesVariablesAndPortAreTheOnesItReads() throws IOException {
        Map<String, Object> controlPlane = services().get("control-plane");
        String settings = Files.readString(ROOT.resolve("backend/src/main/resources/application.yml"));
        for (String variable : ((Map<String, Object>) controlPlane.get("environment")).keySet()) {
            assertThat(settings).as("application.yml reads " + variable).contains("${" + variable);
        }
        assertThat((List<String>) controlPlane.get("ports")).containsExactly("8080:8080");
        assertThat(settings).contains("${HOURGLASS_PORT:8080}");
        assertThat(Files.readString(DOCKER.resolve("control-plane.Dockerfile"))).contains("EXPOSE 8080")
                .contains("/actuator/health");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAgentsCommandLineAndVariablesAreTheOnesTheAgentReads() throws IOException {
        CommandLine agent = new CommandLine(new AgentCommand());
        String agentSource = Files.readString(ROOT.resolve(
                "trainer-agent/src/main/java/dev/hourglass/trainer/agent/AgentCommand.java"));
        String dockerfile = Files.readString(DOCKER.resolve("trainer-agent.Dockerfile"));
        assertThat(dockerfile).contains(AgentCommand.class.getName()).contains("--work-dir");
        for (String name : List.of("agent-1", "agent-2")) {
            Map<String, Object> service = services().get(name);
            List<String> command = (List<String>) service.get("command");
            for (String argument : command) {
                if (argument.startsWith("--")) {
                    assertThat(agent.getCommandSpec().findOption(argument)).as(name + " passes " + argument).isNotNull();
                }
            }
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            for (String variable : environment.keySet()) {
                assertThat(agentSource).as("the agent reads " + variable).contains("\"" + variable + "\"");
            }
        }
    }
}
