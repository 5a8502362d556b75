package dev.hourglass.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import dev.hourglass.detection.coco.GeneratedCocoSet;
import dev.hourglass.trainer.data.GeneratedImageSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
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
 * The product end to end: a job submitted over REST trains a real ResNet across two agent processes, whose
 * launcher starts Open MPI's mpirun with one trainer worker per node, 8 replica threads each, hierarchical
 * allreduce between them; its metrics reach the control plane once and in order.
 */
@Tag("system")
class TrainingEndToEndTest extends ControlPlaneTest {

    private static final Duration TRAINING = Duration.ofMinutes(5);
    private static final int COLLECTIVE_TIMEOUT_SECONDS = 10;
    private static final int TRAIN_PER_CLASS = 128;
    private static final int COCO_TRAIN_IMAGES = 32;

    @TempDir
    static Path shared;
    static Path dataset;
    static Path cocoDataset;

    @TempDir
    Path dir;

    private final List<LocalAgent> agents = new ArrayList<>();

    @DynamicPropertySource
    static void fastHeartbeats(DynamicPropertyRegistry registry) {
        registry.add("hourglass.heartbeat-interval", () -> "1s");
    }

    @BeforeAll
    static void openMpiAndASmallDataset() throws Exception {
        Process which = new ProcessBuilder("sh", "-c", "command -v mpirun").start();
        assertThat(which.waitFor()).as("mpirun is needed: run ./hourglass test, which installs Open MPI").isZero();
        dataset = GeneratedImageSet.write(shared.resolve("shapes"), TRAIN_PER_CLASS, 16, GeneratedImageSet.SIZE, 5);
        cocoDataset = GeneratedCocoSet.write(shared.resolve("coco-shapes"), COCO_TRAIN_IMAGES, 4,
                GeneratedCocoSet.SIZE, 5);
    }

    @BeforeEach
    void twoAgents() throws Exception {
        startWithEmptyCluster();
        for (int i = 0; i < 2; i++) {
            agents.add(LocalAgent.start(baseUrl(), AGENT_TOKEN, unique("train"), dir, shared.resolve("data"),
                    "--collective-timeout-seconds", Integer.toString(COLLECTIVE_TIMEOUT_SECONDS)));
        }
        await("both agents registered", Duration.ofSeconds(30), () -> agents.stream().allMatch(agent -> {
            ApiClient.Response view = admin().get("/api/v1/nodes/" + agent.node());
            return view.status() == 200 && view.json().get("state").asText().equals("READY");
        }));
    }

    @AfterEach
    void stopAgents() {
        agents.forEach(LocalAgent::close);
    }

    /** resnet8 at kn=32 on 16 replicas (n=2) over both nodes, eta=0.2 (base rate 1.6 per 256 images). */
    private static Map<String, Object> resnet8(String name, int epochs) {
        return Map.of("name", name, "model", "resnet8", "dataset", dataset.toString(),
                "datasetSize", 8 * TRAIN_PER_CLASS, "kn", 32, "perGpuBatch", 2, "epochs", epochs,
                "overrides", Map.of("baseLr", 1.6));
    }

    @Test
    void aResNetJobAcrossBothNodesTrainsDeliversEveryPointOnceAndInOrderAndSucceeds() throws Exception {
        String team = unique("train");
        ApiClient member = newTeam(team, 16);
        JsonNode submitted = member.post("/api/v1/jobs", resnet8("two-nodes", 3)).json();
        long id = submitted.get("id").asLong();
        int iterations = submitted.get("recipe").get("totalIterations").asInt();
        assertThat(iterations).isEqualTo(96);
        scheduling.runPass();

        awaitStatus(member, id, "SUCCEEDED", TRAINING);

        JsonNode series = member.get("/api/v1/jobs/" + id
                + "/metrics?names=train.loss,lr,allreduce_s,val.top1_error&points=100000").json().get("series");
        List<Long> lossIterations = iterations(series.get("train.loss"));
        assertThat(lossIterations).as("every iteration's loss, once, in order")
                .containsExactlyElementsOf(range(iterations));
        assertThat(iterations(series.get("allreduce_s"))).containsExactlyElementsOf(range(iterations));
        assertThat(series.get("val.top1_error")).as("a validation error per epoch").hasSize(3);
        assertThat(series.get("lr").get(0).get("value").asDouble()).isEqualTo(0.2);
        List<Double> loss = values(series.get("train.loss"));
        assertThat(mean(loss.subList(iterations - 16, iterations))).as("the loss falls: %s", loss)
                .isLessThan(mean(loss.subList(0, 16)));

        JsonNode job = member.get("/api/v1/jobs/" + id).json();
        assertThat(job.get("allocation")).extracting(node -> node.get("node").asText())
                .containsExactlyInAnyOrderElementsOf(agents.stream().map(LocalAgent::node).toList());
        assertThat(member.get("/api/v1/teams/" + team + "/usage").json().get("gpusInUse").asInt()).isZero();
    }

    @Test
    void aMaskRcnnJobAcrossBothNodesTrainsWithTheSameEngineAndReportsBoxAndMaskAp() throws Exception {
        ApiClient member = newTeam(unique("masks"), 16);
        JsonNode submitted = member.post("/api/v1/jobs", Map.of("name", "mask-rcnn-two-nodes",
                "model", "mask-rcnn-small", "dataset", cocoDataset.toString(), "datasetSize", COCO_TRAIN_IMAGES,
                "kn", 32, "epochs", 2)).json();
        long id = submitted.get("id").asLong();
        JsonNode recipe = submitted.get("recipe");
        assertThat(recipe.get("perGpuBatch").asInt()).as("2 images per device, as the paper").isEqualTo(2);
        assertThat(recipe.get("k").asInt()).isEqualTo(16);
        assertThat(recipe.get("peakLr").asDouble()).as("eta = 0.02 * 32 / 16").isEqualTo(0.04);
        scheduling.runPass();

        awaitStatus(member, id, "SUCCEEDED", TRAINING);

        JsonNode series = member.get("/api/v1/jobs/" + id + "/metrics?names=train.loss,train.loss_mask,"
                + "val.box_ap,val.mask_ap&points=100000").json().get("series");
        assertThat(iterations(series.get("train.loss"))).containsExactly(0L, 1L);
        assertThat(values(series.get("train.loss_mask"))).allSatisfy(loss -> assertThat(loss).isPositive());
        for (String ap : List.of("val.box_ap", "val.mask_ap")) {
            assertThat(values(series.get(ap))).as("%s after each epoch", ap).hasSize(2)
                    .allSatisfy(value -> assertThat(value).isBetween(0.0, 1.0));
        }
        assertThat(member.get("/api/v1/jobs/" + id).json().get("allocation")).hasSize(2);
    }

    /**
     * ResNet-50 for one short epoch (4 iterations on 2 devices), then a one-iteration mask-rcnn-r50-fpn whose backbone starts from its newest
     * checkpoint; each agent has a work directory of its own here, so the test puts the checkpoints on both nodes
     * as a shared {@code --work-dir} would, and then takes them away: a detector then fails, saying why.
     */
    @Test
    void aMaskRcnnR50JobStartsItsBackboneFromTheCheckpointOfAResNet50Job() throws Exception {
        ApiClient member = newTeam(unique("backbone"), 8);
        Path fewShapes = GeneratedImageSet.write(dir.resolve("few-shapes"), 2, 1, GeneratedImageSet.SIZE, 6);
        Path twoImages = GeneratedCocoSet.write(dir.resolve("two-images"), 2, 1, GeneratedCocoSet.SIZE, 6);
        long resnet50 = member.post("/api/v1/jobs", Map.of("name", "r50", "model", "resnet50", "dataset",
                fewShapes.toString(), "datasetSize", 16, "kn", 4, "perGpuBatch", 2, "epochs", 1)).json()
                .get("id").asLong();
        scheduling.runPass();
        awaitStatus(member, resnet50, "SUCCEEDED", TRAINING);
        Path checkpoints = agents.stream().map(agent -> agent.runDirectory(resnet50).resolve("checkpoints"))
                .filter(Files::isDirectory).findFirst().orElseThrow();
        for (LocalAgent agent : agents) {
            copyTree(checkpoints, agent.runDirectory(resnet50).resolve("checkpoints"));
        }
        Map<String, Object> detector = Map.of("name", "masks", "model", "mask-rcnn-r50-fpn", "dataset",
                twoImages.toString(), "datasetSize", 2, "kn", 2, "epochs", 1, "backboneFrom", resnet50);

        long started = member.post("/api/v1/jobs", detector).json().get("id").asLong();
        scheduling.runPass();
        awaitStatus(member, started, "SUCCEEDED", TRAINING);

        String workerLog = agents.stream().map(agent -> agent.runDirectory(started).resolve("worker.log"))
                .filter(Files::exists).map(TrainingEndToEndTest::read).findFirst().orElseThrow();
        assertThat(workerLog).contains("backbone: from ").contains("/jobs/" + resnet50 + "/checkpoints/rank-0/"
                + "iteration-000000004.ckpt");
        assertThat(member.get("/api/v1/jobs/" + started + "/metrics?names=val.mask_ap&points=10").json()
                .get("series").get("val.mask_ap")).hasSize(1);

        for (LocalAgent agent : agents) {
            deleteTree(agent.runDirectory(resnet50).resolve("checkpoints"));
        }
        long orphan = member.post("/api/v1/jobs", detector).json().get("id").asLong();
        scheduling.runPass();
        awaitStatus(member, orphan, "FAILED", Duration.ofSeconds(60));
        assertThat(member.get("/api/v1/jobs/" + orphan).json().get("failureReason").asText())
                .contains("has no checkpoint of job " + resnet50 + " (the backbone to start from)");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (from.equals(to)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void aRankThatStopsMakingProgressFailsTheJobNamingTheRankAndTheStep() throws Exception {
        ApiClient member = newTeam(unique("hang"), 16);
        long id = trainingUnderWay(member, "hangs");
        List<ProcessHandle> ranks = agents.stream().flatMap(agent -> agent.workerRanks().stream()).toList();
        assertThat(ranks).as("one worker rank per node; the agents' processes: %s",
                agents.stream().map(LocalAgent::processTree).toList()).hasSize(2);

        ProcessHandle stopped = ranks.get(1);
        signal("STOP", stopped); // the rank stops, as a hung GPU or a frozen host would, without exiting
        try {
            awaitStatus(member, id, "FAILED", Duration.ofSeconds(COLLECTIVE_TIMEOUT_SECONDS + 30));
        } finally {
            signal("CONT", stopped);
        }
        assertThat(member.get("/api/v1/jobs/" + id).json().get("failureReason").asText())
                .matches("rank [01]: the (gradient|loss and error) allreduce of iteration \\d+ did not complete within "
                        + COLLECTIVE_TIMEOUT_SECONDS + " s; a peer rank stopped making progress");
        await("every rank gone", Duration.ofSeconds(10), () -> ranks.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void aKilledLaunchingAgentTakesItsJobsMpirunAndEveryRankWithIt() throws Exception {
        ApiClient member = newTeam(unique("orphan"), 16);
        long id = trainingUnderWay(member, "orphaned");
        LocalAgent launcher = agents.stream().filter(agent -> !agent.workerRanks().isEmpty()).findFirst()
                .orElseThrow();
        List<ProcessHandle> job = launcher.jobProcesses();
        assertThat(job).as("mpirun and its ranks: %s", launcher.processTree()).hasSizeGreaterThanOrEqualTo(3);

        launcher.killAgentAlone(); // kill -9 of the agent: its children are re-parented, not signalled
        try {
            await("mpirun and every rank gone", Duration.ofSeconds(60), () -> job.stream()
                    .noneMatch(ProcessHandle::isAlive));
            awaitStatus(member, id, "FAILED", Duration.ofSeconds(60));
        } finally {
            job.forEach(ProcessHandle::destroyForcibly);
        }
        assertThat(Files.readString(launcher.runDirectory(id).resolve("worker.log")))
                .contains("the agent that launched this job is gone");
    }

    /** A long ResNet job across both nodes, once it has reported its first losses; returns its id. */
    private long trainingUnderWay(ApiClient member, String name) throws Exception {
        long id = member.post("/api/v1/jobs", resnet8(name, 50)).json().get("id").asLong();
        scheduling.runPass();
        awaitStatus(member, id, "RUNNING", Duration.ofSeconds(60));
        await("training under way", TRAINING, () -> member.get("/api/v1/jobs/" + id
                + "/metrics?names=train.loss&points=100000").json().get("series").path("train.loss").size() >= 3);
        return id;
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
    }

    private void awaitStatus(ApiClient member, long id, String status, Duration limit) throws Exception {
        await("job " + id + " to be " + status, limit, () -> {
            String now = member.get("/api/v1/jobs/" + id).json().get("status").asText();
            if (!now.equals(status) && List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(now)) {
                throw new AssertionError("job " + id + " ended " + now + " while waiting for " + status + ": "
                        + member.get("/api/v1/jobs/" + id).json().path("failureReason").asText() + "\nagent logs:\n"
                        + logs());
            }
            return now.equals(status);
        });
    }

    private String logs() {
        StringBuilder all = new StringBuilder();
        for (LocalAgent agent : agents) {
            try {
                all.append(agent.node()).append(":\n").append(agent.log());
            } catch (Exception e) {
                all.append(e);
            }
        }
        return all.toString();
    }

    private static List<Long> range(int count) {
        return java.util.stream.LongStream.range(0, count).boxed().toList();
    }

    private static List<Long> iterations(JsonNode points) {
        return StreamSupport.stream(points.spliterator(), false).map(p -> p.get("iteration").asLong()).toList();
    }

    private static List<Double> values(JsonNode points) {
        return StreamSupport.stream(points.spliterator(), false).map(p -> p.get("value").asDouble()).toList();
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** Until {@code condition} holds; an exception it throws (an assertion that fails fast) ends the wait at once. */
    private static void await(String what, Duration limit, BooleanSupplier condition) {
        Awaitility.await().atMost(limit).pollInterval(Duration.ofMillis(250)).alias("waiting for " + what)
                .until(condition::getAsBoolean);
    }
}
