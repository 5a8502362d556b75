package dev.hourglass.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import dev.hourglass.protocol.WorkerPrograms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Agents on different hosts, as on a real cluster: two {@link NamespaceHosts}, each a network namespace with its own
 * address, hostname and disk, an agent in each reaching the control plane across the switch, and the launcher's
 * real {@code mpirun} reaching the other host through a remote shell that plays ssh ({@code --remote-shell}), its
 * traffic kept to the hosts' subnet ({@code --mpi-network}). The ranks run the real trainer worker (a small resnet8
 * job on the generated set), behind a wrapper that notes, on the disk of the host it runs on, the rank's network
 * namespace and hostname.
 */
@Tag("system")
class AcrossHostsTest extends ControlPlaneTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int PER_GPU_BATCH = 2;
    private static final int KN = 16 * PER_GPU_BATCH;
    private static final Pattern ALLREDUCE_LINE = Pattern.compile("allreduce: \\S+ across 2 rank\\(s\\), (\\d+) floats");

    @TempDir
    Path dir;

    /** The datasets' shared storage (an NFS mount on a real cluster): outside the hosts' own disks. */
    @TempDir
    static Path data;

    private NamespaceHosts hosts;
    private final Map<String, Process> agents = new HashMap<>();

    @DynamicPropertySource
    static void fastHeartbeats(DynamicPropertyRegistry registry) {
        registry.add("hourglass.heartbeat-interval", () -> "1s");
    }

    @BeforeAll
    static void rootIproute2AndOpenMpi() throws Exception {
        assertThat(output("id", "-u").trim()).as("AcrossHostsTest creates network namespaces and mounts: run it as root")
                .isEqualTo("0");
        for (String tool : List.of("ip", "unshare", "mount", "mpirun")) {
            assertThat(new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor())
                    .as(tool + " is needed: ./hourglass test installs it (scripts/install/namespace-tools.sh, and"
                            + " openmpi-java.sh for mpirun)")
                    .isZero();
        }
        NamespaceHosts.removeStale();
    }

    @BeforeEach
    void twoHostsWithAnAgentEach() throws Exception {
        startWithEmptyCluster();
        hosts = NamespaceHosts.create(dir, List.of(unique("host-a"), unique("host-b")));
        for (NamespaceHosts.Host host : hosts.hosts()) {
            agents.put(host.name(), startAgent(host));
        }
        await("both agents registered from their hosts", () -> hosts.hosts().stream().allMatch(host -> {
            ApiClient.Response view = admin().get("/api/v1/nodes/" + host.name());
            return view.status() == 200 && view.json().get("state").asText().equals("READY")
                    && view.json().get("address").asText().equals(host.address());
        }));
    }

    @AfterEach
    void removeHosts() throws Exception {
        agents.values().forEach(Process::destroyForcibly);
        if (hosts != null) {
            hosts.close(); // kills whatever still runs there: the agents' ranks and daemons
        }
    }

    private Process startAgent(NamespaceHosts.Host host) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> agent = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                AgentCommand.class.getName(), "--control-plane", "http://" + hosts.controlPlaneAddress() + ":" + port,
                "--node", host.name(), "--address", host.address(), "--cpu-devices", "8",
                "--remote-shell", hosts.remoteShell().toString(), "--mpi-network", hosts.subnet(),
                "--heartbeat-seconds", "1", "--work-dir", hosts.mountPoint().resolve("work").toString(),
                "--data-dir", data.toString(),
                "--worker-command", placementRecorder() + " " + java + " -Xmx1g " + WorkerPrograms.WORKER);
        ProcessBuilder builder = new ProcessBuilder(hosts.inside(host, agent)).redirectErrorStream(true)
                .redirectOutput(host.disk().resolve("agent.log").toFile());
        builder.environment().put("HOURGLASS_AGENT_TOKEN", AGENT_TOKEN);
        return builder.start();
    }

    /** Notes where this rank runs, in its run directory on the disk of its own host, then runs the real worker. */
    private Path placementRecorder() throws IOException {
        Path script = dir.resolve("note-placement");
        if (!Files.exists(script)) {
            Files.writeString(script, """
                    #!/bin/sh
                    for spec; do :; done
                    echo "$OMPI_COMM_WORLD_RANK $(ip netns identify $$) $(hostname)" >> "$(dirname "$spec")/placement"
                    exec "$@"
                    """);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return script;
    }

    @Test
    void aTwoNodeJobTrainsWithARankInEachHostsNamespaceAndItsGradientsCrossTheLink() throws Exception {
        int iterations = 6;
        ApiClient member = newTeam(unique("across"), 16);
        long id = submit(member, "across-hosts", iterations, 1);
        Map<String, Long> bytesBefore = new HashMap<>();
        for (NamespaceHosts.Host host : hosts.hosts()) {
            bytesBefore.put(host.name(), hosts.bytesThroughLink(host));
        }
        long started = System.nanoTime();
        scheduling.runPass();

        JsonNode ended = awaitEnd(member, id);
        System.out.printf("AcrossHostsTest: %d iterations of resnet8 over 2 namespace hosts in %.1f s%n", iterations,
                (System.nanoTime() - started) / 1e9);

        assertThat(ended.get("status").asText()).as("job %d: %s", id, ended.get("failureReason")).isEqualTo("SUCCEEDED");
        JsonNode allocation = ended.get("allocation");
        assertThat(allocation).hasSize(2);
        for (int rank = 0; rank < 2; rank++) {
            NamespaceHosts.Host host = hosts.host(allocation.get(rank).get("node").asText());
            assertThat(Files.readAllLines(runDirectory(host, id).resolve("placement")))
                    .as("what the rank on %s's own disk noted", host.name())
                    .containsExactly(rank + " " + host.namespace() + " " + host.name());
        }
        JsonNode loss = member.get("/api/v1/jobs/" + id + "/metrics?names=train.loss&points=1000").json()
                .get("series").get("train.loss");
        assertThat(loss).hasSize(iterations);

        NamespaceHosts.Host launcher = hosts.host(allocation.get(0).get("node").asText());
        NamespaceHosts.Host far = hosts.host(allocation.get(1).get("node").asText());
        Matcher allreduce = ALLREDUCE_LINE.matcher(Files.readString(runDirectory(launcher, id).resolve("worker.log")));
        assertThat(allreduce.find()).as("the worker's allreduce line in the launcher's worker.log").isTrue();
        long gradientBytes = Long.parseLong(allreduce.group(1)) * Float.BYTES;
        long crossed = hosts.bytesThroughLink(far) - bytesBefore.get(far.name());
        System.out.printf("AcrossHostsTest: %,d bytes crossed the far host's link (%,d-byte gradient, %d iterations)%n",
                crossed, gradientBytes, iterations);
        assertThat(crossed).as("bytes through the far host's link").isGreaterThan(iterations * gradientBytes);
    }

    @Test
    void cuttingTheFarNodesLinkTurnsItLostAndFailsTheJobWithThatReason() throws Exception {
        ApiClient member = newTeam(unique("cut"), 16);
        long id = submit(member, "cut-link", 10, 100);
        scheduling.runPass();
        await("the first trained iteration's loss", () -> {
            JsonNode job = job(member, id);
            assertThat(job.get("status").asText()).as("job %d: %s", id, job.get("failureReason"))
                    .isIn("STARTING", "RUNNING");
            JsonNode loss = member.get("/api/v1/jobs/" + id + "/metrics?names=train.loss").json().get("series")
                    .get("train.loss");
            return loss != null && !loss.isEmpty();
        });
        JsonNode allocation = job(member, id).get("allocation");
        String near = allocation.get(0).get("node").asText();
        String far = allocation.get(1).get("node").asText();

        hosts.cutLink(hosts.host(far));
        long cut = System.nanoTime();

        JsonNode ended = awaitEnd(member, id);
        System.out.printf("AcrossHostsTest: job FAILED %.1f s after the far node's link was cut%n",
                (System.nanoTime() - cut) / 1e9);
        assertThat(ended.get("status").asText()).isEqualTo("FAILED");
        assertThat(ended.get("failureReason").asText()).contains("node " + far + " was lost");
        assertThat(admin().get("/api/v1/nodes/" + far).json().get("state").asText()).isEqualTo("LOST");
        assertThat(admin().get("/api/v1/nodes/" + near).json().get("state").asText()).isEqualTo("READY");
        assertThat(admin().get("/api/v1/nodes/" + near).json().get("freeGpus").asInt()).isEqualTo(8);
        long nearAgent = agents.get(near).pid();
        await("the launcher to stop its ranks, leaving only its agent on its host", () -> {
            try {
                return hosts.processes(hosts.host(near)).equals(List.of(nearAgent));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long submit(ApiClient member, String name, int iterationsPerEpoch, int epochs) {
        ApiClient.Response submitted = member.post("/api/v1/jobs", Map.of("name", name, "model", "resnet8",
                "dataset", "generated", "kn", KN, "perGpuBatch", PER_GPU_BATCH, "epochs", epochs,
                "datasetSize", iterationsPerEpoch * KN));
        assertThat(submitted.status()).as(submitted.detail()).isEqualTo(201);
        return submitted.json().get("id").asLong();
    }

    private Path runDirectory(NamespaceHosts.Host host, long job) {
        return host.disk().resolve("work").resolve("jobs").resolve(Long.toString(job));
    }

    private JsonNode job(ApiClient member, long id) {
        return member.get("/api/v1/jobs/" + id).json();
    }

    private JsonNode awaitEnd(ApiClient member, long id) {
        await("job " + id + " to end", () -> List.of("SUCCEEDED", "FAILED", "CANCELLED")
                .contains(job(member, id).get("status").asText()));
        return job(member, id);
    }

    /** Until {@code condition} holds; an exception it throws (an assertion that fails fast) ends the wait at once. */
    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).alias("waiting for " + what)
                .until(condition::getAsBoolean);
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out;
    }
}
