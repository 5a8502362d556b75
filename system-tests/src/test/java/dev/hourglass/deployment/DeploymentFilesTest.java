package dev.hourglass.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.agent.AgentCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * There is no Docker engine here, so the images, the compose file and the systemd units are kept honest by reading
 * them: every path they copy or build exists in the project (or is produced by its build), every variable they set
 * is one the programs read, every port and command-line option is one the programs use, state lives on volumes and
 * secrets come from the environment.
 */
@Tag("system") // checks what the packaged build produced: runs after the modules are packaged
class DeploymentFilesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKER = ROOT.resolve("docker");
    private static final Path DEPLOY = ROOT.resolve("deploy");
    private static final List<String> AGENTS = List.of("agent-1", "agent-2");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)([^}]*)}");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> compose() throws IOException {
        return new Yaml().load(Files.readString(DOCKER.resolve("compose.yaml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    /** The first group of {@code pattern} in {@code text}, which must be there. */
    private static String find(String text, String pattern, String what) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        assertThat(matcher.find()).as(what).isTrue();
        return matcher.group(1);
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
            String text = read(dockerfile);
            Matcher copied = Pattern.compile("/src/([\\w./-]+)").matcher(text);
            while (copied.find()) {
                if (copied.group(1).contains("target/") || copied.group(1).startsWith("scripts/")) {
                    assertThat(ROOT.resolve(copied.group(1))).as(dockerfile.getFileName() + " uses " + copied.group(1))
                            .exists();
                }
            }
            Matcher scripts = Pattern.compile("((?:scripts|docker)/[\\w./-]+\\.sh)").matcher(text);
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
        String settings = read(ROOT.resolve("backend/src/main/resources/application.yml"));
        for (String variable : ((Map<String, Object>) controlPlane.get("environment")).keySet()) {
            assertThat(settings).as("application.yml reads " + variable).contains("${" + variable);
        }
        assertThat((List<String>) controlPlane.get("ports")).containsExactly("8080:8080");
        assertThat(settings).contains("${HOURGLASS_PORT:8080}");
        assertThat(read(DOCKER.resolve("control-plane.Dockerfile"))).contains("EXPOSE 8080")
                .contains("/actuator/health");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAgentsCommandLineAndVariablesAreTheOnesTheAgentReads() throws IOException {
        String agentSource = read(ROOT.resolve("agent/src/main/java/dev/hourglass/agent/AgentCommand.java"));
        String entrypoint = read(DOCKER.resolve("agent-entrypoint.sh"));
        assertThat(entrypoint).contains(AgentCommand.class.getName()).contains("--work-dir \"$HOURGLASS_WORK_DIR\"");
        for (String name : AGENTS) {
            Map<String, Object> service = services().get(name);
            assertAgentOptions(name, (List<String>) service.get("command"));
            Map<String, Object> environment = (Map<String, Object>) service.get("environment");
            for (String variable : environment.keySet()) {
                assertThat(agentSource).as("the agent reads " + variable).contains("\"" + variable + "\"");
            }
        }
    }

    private static void assertAgentOptions(String where, List<String> arguments) {
        CommandLine agent = new CommandLine(new AgentCommand());
        for (String argument : arguments) {
            if (argument.startsWith("--")) {
                assertThat(agent.getCommandSpec().findOption(argument)).as(where + " passes " + argument).isNotNull();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceHasAHealthCheck() throws IOException {
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            Map<String, Object> check = (Map<String, Object>) service.getValue().get("healthcheck");
            assertThat(check).as(service.getKey() + " healthcheck").isNotNull();
            assertThat((List<String>) check.get("test")).as(service.getKey() + " healthcheck test").isNotEmpty();
        }
        assertThat((Map<String, Object>) services().get("control-plane").get("depends_on"))
                .extractingByKey("postgres").isEqualTo(Map.of("condition", "service_healthy"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresDataAndTheAgentsRunDirectoriesWithTheirCheckpointsLiveOnNamedVolumes() throws IOException {
        Map<String, Object> declared = (Map<String, Object>) compose().get("volumes");
        String workDirectory = find(read(DOCKER.resolve("trainer-agent.Dockerfile")), "ENV HOURGLASS_WORK_DIR=(\\S+)",
                "the agent image's HOURGLASS_WORK_DIR");
        assertThat(mounts("postgres")).containsValue("/var/lib/postgresql/data");
        List<String> workVolumes = new ArrayList<>();
        for (String agent : AGENTS) {
            Map<String, String> mounts = mounts(agent);
            assertThat(mounts).as(agent + " mounts a volume at its work directory").containsValue(workDirectory);
            mounts.forEach((volume, path) -> {
                if (path.equals(workDirectory)) {
                    workVolumes.add(volume);
                }
            });
        }
        assertThat(workVolumes).as("each agent its own work volume").doesNotHaveDuplicates();
        for (String service : services().keySet()) {
            assertThat(declared.keySet()).as(service + "'s volumes are declared").containsAll(mounts(service).keySet());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void secretsComeFromTheEnvironmentAndNoneHasADefault() throws IOException {
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            Map<String, Object> environment = (Map<String, Object>) service.getValue().get("environment");
            if (environment == null) {
                continue;
            }
            environment.forEach((variable, value) -> {
                String text = String.valueOf(value);
                if (variable.contains("TOKEN") || variable.contains("PASSWORD")) {
                    assertThat(text).as(service.getKey() + " " + variable).matches("\\$\\{\\w+:\\?[^}]+}");
                }
                Matcher reference = VARIABLE.matcher(text);
                while (reference.find()) {
                    assertThat(reference.group(2)).as(service.getKey() + " " + variable + " must be required, not"
                            + " defaulted").startsWith(":?");
                }
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAgentsShareOneSshKeyWhereTheEntrypointLooksAndSshdListensWhereTheClientsConnect() throws IOException {
        String entrypoint = read(DOCKER.resolve("agent-entrypoint.sh"));
        String dockerfile = read(DOCKER.resolve("trainer-agent.Dockerfile"));
        String keys = find(entrypoint, "(?m)^keys=(\\S+)$", "the entrypoint's key directory");
        List<String> keyVolumes = new ArrayList<>();
        for (String agent : AGENTS) {
            mounts(agent).forEach((volume, path) -> {
                if (path.equals(keys)) {
                    keyVolumes.add(volume);
                }
            });
            assertThat((List<String>) ((Map<String, Object>) services().get(agent).get("healthcheck")).get("test"))
                    .as(agent + " is healthy once it takes ssh").contains("ssh");
        }
        assertThat(keyVolumes).hasSize(AGENTS.size()).containsOnly(keyVolumes.get(0));
        String port = find(dockerfile, "ENV HOURGLASS_SSH_PORT=(\\d+)", "the agent image's HOURGLASS_SSH_PORT");
        assertThat(dockerfile).contains("EXPOSE " + port).contains("openssh-server")
                .contains("ENTRYPOINT [\"/opt/hourglass/agent-entrypoint.sh\"]")
                .contains("docker/agent-entrypoint.sh /opt/hourglass/agent-entrypoint.sh");
        assertThat(entrypoint).contains("port=\"${HOURGLASS_SSH_PORT:-").contains("Port $port")
                .contains("sshd -p \"$port\"");
    }

    @Test
    void theAgentImageIsTheCudaBuildOnTheCudaVersionNd4jWasBuiltFor() throws IOException {
        String dockerfile = read(DOCKER.resolve("trainer-agent.Dockerfile"));
        String parent = read(ROOT.resolve("pom.xml"));
        String agentPom = read(ROOT.resolve("trainer/pom.xml"));
        String cuda = find(parent, "<artifactId>nd4j-cuda-(\\d+\\.\\d+)</artifactId>", "nd4j-cuda in the parent pom");
        assertThat(agentPom).contains("<id>cuda</id>").contains("<artifactId>nd4j-cuda-" + cuda + "</artifactId>");
        assertThat(dockerfile).contains("FROM nvidia/cuda:" + cuda + ".");
        assertThat(find(dockerfile, "(\\./mvnw [^\\n]*package)", "the image's Maven build")).contains("-Pcuda");
    }

    @Test
    void theSystemdUnitsPassOptionsAndVariablesTheProgramsRead() throws IOException {
        String agentUnit = read(DEPLOY.resolve("hourglass-agent.service"));
        String agentEnvironment = read(DEPLOY.resolve("agent.env.example"));
        String agentSource = read(ROOT.resolve("agent/src/main/java/dev/hourglass/agent/AgentCommand.java"));
        assertThat(agentUnit).contains("EnvironmentFile=/etc/hourglass/agent.env").contains(AgentCommand.class.getName());
        String execStart = find(agentUnit, "(?s)ExecStart=(.*?[^\\\\])\\n", "the agent unit's ExecStart")
                .replace("\\\n", " ");
        assertAgentOptions("hourglass-agent.service", List.of(execStart.split("\\s+")));
        List<String> defined = assignments(agentEnvironment);
        Matcher used = VARIABLE.matcher(execStart);
        while (used.find()) {
            assertThat(defined).as("agent.env.example defines " + used.group(1)).contains(used.group(1));
        }
        for (String variable : defined) {
            assertThat(execStart.contains("${" + variable + "}") || agentSource.contains("\"" + variable + "\""))
                    .as("the agent or its unit reads " + variable).isTrue();
        }

        String controlPlaneUnit = read(DEPLOY.resolve("hourglass-control-plane.service"));
        String settings = read(ROOT.resolve("backend/src/main/resources/application.yml"));
        assertThat(controlPlaneUnit).contains("EnvironmentFile=/etc/hourglass/control-plane.env")
                .contains("-jar /opt/hourglass/control-plane.jar");
        for (String variable : assignments(read(DEPLOY.resolve("control-plane.env.example")))) {
            assertThat(settings).as("application.yml reads " + variable).contains("${" + variable);
        }
    }

    /** A service's named volumes and where it mounts them. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> mounts(String service) throws IOException {
        Map<String, String> mounts = new java.util.LinkedHashMap<>();
        for (String volume : (List<String>) services().get(service).getOrDefault("volumes", List.of())) {
            String[] parts = volume.split(":");
            mounts.put(parts[0], parts[1]);
        }
        return mounts;
    }

    private static List<String> assignments(String environmentFile) {
        return environmentFile.lines().filter(line -> line.matches("[A-Z_]+=.*"))
                .map(line -> line.substring(0, line.indexOf('='))).toList();
    }
}
