package dev.hourglass.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
 * The platform's processes together: the real control plane, two agents as separate processes acting as two
 * 8-device nodes, and Open MPI's real {@code mpirun} launching one rank per node. The ranks run a small script
 * that follows the worker contract (it appends metric lines to the run directory's metrics file), standing in
 * for the trainer, whose own tests live with it.
 */
@Tag("system")
class AgentEndToEndTest extends ControlPlaneTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    /** The generated dataset, written once by the first agent that needs it. */
    @TempDir
    static Path data;

    private final Map<String, Process> agents = new HashMap<>();
    private final List<String> nodes = new ArrayList<>();

    @DynamicPropertySource
    static void fastHeartbeats(DynamicPropertyRegistry registry) {
        registry.add("hourglass.heartbeat-interval", () -> "1s");
    }

    @BeforeAll
    static void openMpiIsInstalled() throws Exception {
        Process which = new ProcessBuilder("sh", "-c", "command -v mpirun").start();
        assertThat(which.waitFor()).as("mpirun is needed: run ./hourglass test, which installs Open MPI").isZero();
    }

    @BeforeEach
    void twoAgents() throws Exception {
        startWithEmptyCluster();
        for (int i = 0; i < 2; i++) {
            String node = unique("e2e");
            nodes.add(node);
            agents.put(node, startAgent(node));
        }
        nodes.sort(String::compareTo);
        await("both agents registered and heartbeating", () -> nodes.stream().allMatch(node -> {
            ApiClient.Response view = admin().get("/api/v1/nodes/" + node);
            return view.status() == 200 && view.json().get("state").asText().equals("READY");
        }));
    }

    @AfterEach
    void stopAgents() {
        agents.values().forEach(agent -> {
            agent.descendants().forEach(ProcessHandle::destroyForcibly);
            agent.destroyForcibly();
        });
    }

    private Process startAgent(String node) throws IOException {
        Path work = Files.createDirectories(dir.resolve(node));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), AgentCommand.class.getName(),
                "--control-plane", "http://127.0.0.1:" + port, "--node", node, "--address", "localhost",
                "--cpu-devices", "8", "--remote-shell", "local", "--heartbeat-seconds", "1",
                "--work-dir", work.toString(), "--data-dir", data.toString(), "--worker-command", worker().toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("agent.log").toFile());
        builder.environment().put("HOURGLASS_AGENT_TOKEN", AGENT_TOKEN);
        return builder.start();
    }

    /** Rank 0 writes 300 loss points, then every rank waits for the file "release" or 120 s, recording its pid. */
    private Path worker() throws IOException {
        Path script = dir.resolve("worker.sh");
        if (!Files.exists(script)) {
            Files.writeString(script, """
                    #!/bin/sh
                    run=$(dirname "$1")
                    echo $$ >> "$run/pids"
                    if [ "$OMPI_COMM_WORLD_RANK" = "0" ]; then
                      now=$(date +%s)000
                      i=0
                      while [ $i -lt 300 ]; do
                        echo "{\\"name\\":\\"train.loss\\",\\"iteration\\":$i,\\"value\\":$((300 - i)),\\"time\\":$now}"
                        i=$((i + 1))
                      done >> "$run/metrics.jsonl"
                    fi
                    waited=0
                    while [ ! -f "$run/../../release" ] && [ $waited -lt 1200 ]; do sleep 0.1; waited=$((waited + 1)); done
                    """);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return script;
    }

    private void release() throws IOException {
        for (String node : nodes) {
            Files.writeString(dir.resolve(node).resolve("release"), "go");
        }
    }

    private List<Long> rankPids(long job) throws IOException {
        Path pids = dir.resolve(nodes.get(0)).resolve("jobs").resolve(Long.toString(job)).resolve("pids");
        if (!Files.exists(pids)) {
            return List.of();
        }
        return Files.readAllLines(pids).stream().filter(line -> !line.isBlank()).map(Long::parseLong).toList();
    }

    private JsonNode job(ApiClient member, long id) {
        return member.get("/api/v1/jobs/" + id).json();
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).alias("waiting for " + what)
                .until(condition::getAsBoolean);
    }

    private void awaitStatus(ApiClient member, long id, Predicate<String> status, String what) {
        await(what, () -> status.test(job(member, id).get("status").asText()));
    }

    @Test
    void aJobSpanningBothNodesRunsUnderMpirunDeliversEveryMetricOnceAndInOrderAndFreesItsGpus() throws Exception {
        String team = unique("spans");
        ApiClient member = newTeam(team, 16);
        long id = member.post("/api/v1/jobs", job("spans", "resnet8", 512)).json().get("id").asLong();
        scheduling.runPass();

        awaitStatus(member, id, "RUNNING"::equals, "the launcher to start mpirun");
        await("both ranks running", () -> {
            try {
                return rankPids(id).size() == 2;
            } catch (IOException e) {
                return false;
            }
        });
        release();
        awaitStatus(member, id, "SUCCEEDED"::equals, "the job to succeed");

        JsonNode loss = member.get("/api/v1/jobs/" + id + "/metrics?names=train.loss&points=100000").json()
                .get("series").get("train.loss");
        assertThat(loss).hasSize(300);
        for (int i = 0; i < 300; i++) {
            assertThat(loss.get(i).get("iteration").asLong()).isEqualTo(i);
        }
        assertThat(loss.get(0).get("value").asDouble()).isGreaterThan(loss.get(299).get("value").asDouble());
        assertThat(member.get("/api/v1/teams/" + team + "/usage").json().get("gpusInUse").asInt()).isZero();
        assertThat(job(member, id).get("allocation")).extracting(n -> n.get("node").asText())
                .containsExactlyElementsOf(nodes);
    }

    @Test
    void cancellingARunningJobStopsEveryRank() throws Exception {
        ApiClient member = newTeam(unique("cancel"), 16);
        long id = member.post("/api/v1/jobs", job("cancelled", "resnet8", 512)).json().get("id").asLong();
        scheduling.runPass();
        awaitStatus(member, id, "RUNNING"::equals, "the job to run");
        await("both ranks running", () -> {
            try {
                return rankPids(id).size() == 2;
            } catch (IOException e) {
                return false;
            }
        });
        List<Long> pids = rankPids(id);

        assertThat(member.post("/api/v1/jobs/" + id + "/cancel", null).json().get("status").asText()).isEqualTo("CANCELLED");
        // the ranks stop because of the cancel: left alone they wait 120 s, four times as long as this wait
        await("every rank to stop", () -> pids.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false)));

        assertThat(admin().get("/api/v1/nodes/" + nodes.get(0)).json().get("freeGpus").asInt()).isEqualTo(8);
    }

    @Test
    void killingAnAgentTurnsItsNodeLostFailsItsJobAndLeavesTheOtherNodesJobRunning() throws Exception {
        ApiClient member = newTeam(unique("lost"), 16);
        long first = member.post("/api/v1/jobs", job("on-one-node", "resnet8", 256)).json().get("id").asLong();
        long second = member.post("/api/v1/jobs", job("on-the-other", "resnet8", 256)).json().get("id").asLong();
        scheduling.runPass();
        awaitStatus(member, first, "RUNNING"::equals, "the first job to run");
        awaitStatus(member, second, "RUNNING"::equals, "the second job to run");
        String doomed = job(member, first).get("allocation").get(0).get("node").asText();
        agents.get(doomed).destroyForcibly(); // kill -9: no goodbye, only silence

        awaitStatus(member, first, "FAILED"::equals, "the lost node's job to fail");
        assertThat(job(member, first).get("failureReason").asText()).contains("node " + doomed + " was lost");
        assertThat(admin().get("/api/v1/nodes/" + doomed).json().get("state").asText()).isEqualTo("LOST");
        assertThat(admin().get("/api/v1/nodes/" + doomed).json().get("freeGpus").asInt()).isEqualTo(8);
        JsonNode other = job(member, second);
        assertThat(other.get("status").asText()).as("the other node's job: %s; its worker log: %s", other,
                workerLog(other)).isEqualTo("RUNNING");
    }

    @Test
    void aRestartedAgentEndsTheJobItsKilledPredecessorLeftRunningBeforeOfferingItsDevicesAgain() throws Exception {
        ApiClient member = newTeam(unique("orphan"), 16);
        long id = member.post("/api/v1/jobs", job("orphaned", "resnet8", 256)).json().get("id").asLong();
        scheduling.runPass();
        awaitStatus(member, id, "RUNNING"::equals, "the job to run");
        String node = job(member, id).get("allocation").get(0).get("node").asText();
        Path run = dir.resolve(node).resolve("jobs").resolve(Long.toString(id));
        await("its rank to start", () -> Files.exists(run.resolve("pids")) && Files.exists(run.resolve("mpirun.pid")));
        List<ProcessHandle> left = new ArrayList<>();
        for (String pid : List.of(Files.readString(run.resolve("mpirun.pid")).trim(),
                Files.readString(run.resolve("pids")).trim())) {
            left.add(ProcessHandle.of(Long.parseLong(pid)).orElseThrow());
        }

        agents.get(node).destroyForcibly(); // kill -9 of the agent alone
        try {
            awaitStatus(member, id, "FAILED"::equals, "the lost node's job to fail");
            // this test's worker (a script) keeps no lifeline, as a hung or foreign rank would not
            assertThat(left).as("mpirun and the rank, on their own").allMatch(ProcessHandle::isAlive);

            agents.put(node, startAgent(node));
            await("the node back", () -> admin().get("/api/v1/nodes/" + node).json().get("state").asText()
                    .equals("READY"));
            assertThat(left).as("ended before the node was offered again").noneMatch(ProcessHandle::isAlive);
            assertThat(Files.readString(dir.resolve(node).resolve("agent.log")))
                    .contains("job " + id + ": ended its mpirun (pid " + left.get(0).pid() + ")");
            assertThat(run.resolve("mpirun.pid")).doesNotExist();
        } finally {
            left.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private String workerLog(JsonNode job) throws IOException {
        Path log = dir.resolve(job.path("allocation").path(0).path("node").asText()).resolve("jobs")
                .resolve(job.get("id").asText()).resolve("worker.log");
        return Files.exists(log) ? Files.readString(log) : "(none at " + log + ")";
    }
}
