package dev.hourglass.backend.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobsApiTest extends ControlPlaneTest {

    @Test
    void aSubmittedJobCarriesItsDerivedRecipeAndWaitsWithAReason() {
        String team = unique("vision");
        ApiClient member = newTeam(team, 16);

        ApiClient.Response submitted = member.post("/api/v1/jobs", job("r8", "resnet8", 512));

        assertThat(submitted.status()).isEqualTo(201);
        assertThat(submitted.json().get("status").asText()).isEqualTo("QUEUED");
        assertThat(submitted.json().get("team").asText()).isEqualTo(team);
        assertThat(submitted.json().get("gpus").asInt()).isEqualTo(16);
        assertThat(submitted.json().get("recipe").get("peakLr").asDouble()).isEqualTo(0.2);
        assertThat(submitted.json().get("recipe").get("k").asInt()).isEqualTo(16);
        assertThat(submitted.json().get("recipe").get("nodes").asInt()).isEqualTo(2);
        assertThat(submitted.json().get("recipe").get("datasetSize").asLong()).isEqualTo(4096);
        assertThat(submitted.json().get("waiting").get("kind").asText()).isNotBlank();

        long id = submitted.json().get("id").asLong();
        ApiClient.Response fetched = member.get("/api/v1/jobs/" + id);
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.json().get("recipe")).isEqualTo(submitted.json().get("recipe"));
    }

    @Test
    void aJobIsPlacedOnWholeNodesRunsAndFreesItsGpusWhenItEnds() {
        startWithEmptyCluster();
        List<String> nodes = newNodes(2);
        String team = unique("speech");
        ApiClient member = newTeam(team, 16);

        long id = member.post("/api/v1/jobs", job("spanning", "resnet8", 512)).json().get("id").asLong();
        scheduling.runPass();

        ApiClient.Response placed = member.get("/api/v1/jobs/" + id);
        assertThat(placed.json().get("status").asText()).isEqualTo("STARTING");
        assertThat(placed.json().get("allocation")).hasSize(2);
        assertThat(placed.json().get("allocation")).extracting(n -> n.get("node").asText())
                .containsExactlyInAnyOrderElementsOf(nodes);
        assertThat(placed.json().get("allocation").get(0).get("gpus")).hasSize(8);
        assertThat(member.get("/api/v1/teams/" + team + "/usage").json().get("gpusInUse").asInt()).isEqualTo(16);
        assertThat(admin().get("/api/v1/nodes/" + nodes.get(0)).json().get("freeGpus").asInt()).isZero();

        assertThat(agent().post("/api/v1/agent/jobs/" + id + "/status", Map.of("status", "RUNNING")).status()).isEqualTo(200);
        assertThat(agent().post("/api/v1/agent/jobs/" + id + "/status", Map.of("iteration", 10)).status()).isEqualTo(200);
        ApiClient.Response running = member.get("/api/v1/jobs/" + id);
        assertThat(running.json().get("status").asText()).isEqualTo("RUNNING");
        assertThat(running.json().get("progress").get("iteration").asLong()).isEqualTo(10);
        assertThat(running.json().get("startedAt")).isNotNull();

        assertThat(agent().post("/api/v1/agent/jobs/" + id + "/status", Map.of("status", "SUCCEEDED")).status())
                .isEqualTo(200);
        ApiClient.Response usage = member.get("/api/v1/teams/" + team + "/usage");
        assertThat(usage.json().get("gpusInUse").asInt()).isZero();
        assertThat(usage.json().get("gpuHours").asDouble()).isGreaterThan(0);
        JsonNode succeeded = member.get("/api/v1/jobs/" + id).json();
        assertThat(succeeded.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(succeeded.get("progress").get("iteration").asLong())
                .isEqualTo(succeeded.get("progress").get("totalIterations").asLong());
        assertThat(succeeded.get("progress").get("fraction").asDouble()).isEqualTo(1.0);
        assertThat(admin().get("/api/v1/nodes/" + nodes.get(0)).json().get("freeGpus").asInt()).isEqualTo(8);
    }

    @Test
    void aSmallJobTakesPartOfOneNode() {
        startWithEmptyCluster();
        newNodes(1);
        ApiClient member = newTeam(unique("nlp"), 8);

        long id = member.post("/api/v1/jobs", Map.of("name", "small", "model", "resnet20", "dataset", "generated",
                "kn", 64, "perGpuBatch", 16)).json().get("id").asLong();
        scheduling.runPass();

        ApiClient.Response placed = member.get("/api/v1/jobs/" + id);
        assertThat(placed.json().get("status").asText()).isEqualTo("STARTING");
        assertThat(placed.json().get("allocation")).singleElement()
                .satisfies(node -> assertThat(node.get("gpus")).hasSize(4));
    }

    @Test
    void theFirstJobOfTheReadmePlansOnTheSixteenThousandImagesOfItsBuiltInSetWithoutARegimeWarning() {
        ApiClient member = newTeam(unique("first"), 8);

        ApiClient.Response submitted = member.post("/api/v1/jobs", Map.of("name", "first", "model", "resnet8",
                "dataset", "generated-16k", "kn", 64, "perGpuBatch", 16, "epochs", 3,
                "overrides", Map.of("baseLr", 0.1, "referenceBatch", 16)));

        assertThat(submitted.status()).isEqualTo(201);
        JsonNode recipe = submitted.json().get("recipe");
        assertThat(recipe.get("datasetSize").asLong()).isEqualTo(16_384);
        assertThat(recipe.get("itersPerEpoch").asLong()).isEqualTo(256);
        assertThat(recipe.get("peakLr").asDouble()).isEqualTo(0.4);
        assertThat(recipe.get("warnings")).as("kn/N = 1/256 is within the paper's 1/156").isEmpty();
    }

    @Test
    void aJobLargerThanItsTeamsQuotaIsRefusedWithTheNumbers() {
        ApiClient member = newTeam(unique("small"), 8);

        ApiClient.Response refused = member.post("/api/v1/jobs", job("too-big", "resnet50", 512));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.detail()).contains("k=16 GPUs").contains("quota of 8 GPUs");
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("kn");
    }

    @Test
    void aMultiNodeJobWhoseGpuCountIsNotWholeNodesIsRefused() {
        ApiClient member = newTeam(unique("odd"), 64);

        ApiClient.Response refused = member.post("/api/v1/jobs", job("odd", "resnet50", 320));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("k must be a multiple of 8");
    }

    @Test
    void aJobLargerThanTheClusterWaitsSayingSo() {
        startWithEmptyCluster();
        newNodes(1);
        ApiClient member = newTeam(unique("huge"), 64);

        long id = member.post("/api/v1/jobs", job("huge", "resnet8", 2048)).json().get("id").asLong();
        scheduling.runPass();

        ApiClient.Response waiting = member.get("/api/v1/jobs/" + id);
        assertThat(waiting.json().get("status").asText()).isEqualTo("QUEUED");
        assertThat(waiting.json().get("waiting").get("kind").asText()).isEqualTo("CLUSTER_TOO_SMALL");
        assertThat(waiting.json().get("waiting").get("detail").asText()).isNotBlank();
    }

    @Test
    void cancellingFreesTheGpusAndASecondCancelConflicts() {
        startWithEmptyCluster();
        newNodes(1);
        String team = unique("cancel");
        ApiClient member = newTeam(team, 8);
        long id = member.post("/api/v1/jobs", job("to-cancel", "resnet8", 256)).json().get("id").asLong();
        scheduling.runPass();
        assertThat(member.get("/api/v1/teams/" + team + "/usage").json().get("gpusInUse").asInt()).isEqualTo(8);

        ApiClient.Response cancelled = member.post("/api/v1/jobs/" + id + "/cancel", null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(member.get("/api/v1/teams/" + team + "/usage").json().get("gpusInUse").asInt()).isZero();

        ApiClient.Response again = member.post("/api/v1/jobs/" + id + "/cancel", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.detail()).contains("already ended");
    }

    @Test
    void listingFiltersByStatusAndPagesNewestFirst() {
        String team = unique("list");
        ApiClient member = newTeam(team, 8);
        for (int i = 0; i < 5; i++) {
            member.post("/api/v1/jobs", job("job-" + i, "resnet8", 32));
        }
        long cancelled = member.post("/api/v1/jobs", job("job-5", "resnet8", 32)).json().get("id").asLong();
        member.post("/api/v1/jobs/" + cancelled + "/cancel", null);

        ApiClient.Response firstPage = member.get("/api/v1/jobs?team=" + team + "&size=4&page=0");
        assertThat(firstPage.json().get("total").asLong()).isEqualTo(6);
        assertThat(firstPage.json().get("items")).hasSize(4);
        assertThat(firstPage.json().get("items").get(0).get("name").asText()).isEqualTo("job-5");
        assertThat(member.get("/api/v1/jobs?team=" + team + "&size=4&page=1").json().get("items")).hasSize(2);

        ApiClient.Response onlyCancelled = member.get("/api/v1/jobs?team=" + team + "&status=CANCELLED");
        assertThat(onlyCancelled.json().get("items")).singleElement()
                .satisfies(j -> assertThat(j.get("id").asLong()).isEqualTo(cancelled));
        assertThat(member.get("/api/v1/jobs").json().get("items"))
                .allSatisfy(j -> assertThat(j.get("team").asText()).isEqualTo(team));
    }

    @Test
    void overridesAreRecordedInTheJobsRecipe() {
        ApiClient member = newTeam(unique("ablation"), 16);
        Map<String, Object> request = new HashMap<>(job("no-warmup", "resnet8", 512));
        request.put("overrides", Map.of("warmup", "none", "scaling", "sqrt"));

        ApiClient.Response submitted = member.post("/api/v1/jobs", request);

        assertThat(submitted.status()).isEqualTo(201);
        assertThat(submitted.json().get("recipe").get("overrides").get("warmup").asText()).isEqualTo("NONE");
        assertThat(submitted.json().get("recipe").get("warmup").get("iterations").asLong()).isZero();
        assertThat(submitted.json().get("recipe").get("peakLr").asDouble()).isCloseTo(0.1 * Math.sqrt(2), org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void aJobMayNameItsAllreduceAndAnUnknownOneIsRefusedWithTheChoices() {
        ApiClient member = newTeam(unique("allreduce"), 16);
        Map<String, Object> ring = new HashMap<>(job("ring", "resnet8", 512));
        ring.put("allreduce", "ring");
        Map<String, Object> unknown = new HashMap<>(job("bogus", "resnet8", 512));
        unknown.put("allreduce", "butterfly");

        ApiClient.Response submitted = member.post("/api/v1/jobs", ring);
        ApiClient.Response refused = member.post("/api/v1/jobs", unknown);

        assertThat(submitted.status()).isEqualTo(201);
        assertThat(submitted.json().get("allreduce").asText()).isEqualTo("ring");
        assertThat(member.post("/api/v1/jobs", job("default", "resnet8", 512)).json().get("allreduce").asText())
                .isEqualTo("auto");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("allreduce");
        assertThat(refused.json().get("detail").asText()).isEqualTo("allreduce 'butterfly' is not one of auto,"
                + " halving-doubling, binary-blocks, ring, mpi-native");
    }

    @Test
    void aJobRunsWithTheSeedItWasSubmittedWithOrElseItsIdAndItsAgentsAreTold() {
        startWithEmptyCluster();
        String node = newNodes(1).get(0);
        ApiClient member = newTeam(unique("seeds"), 8);
        Map<String, Object> seeded = new HashMap<>(job("seeded", "resnet8", 128));
        seeded.put("seed", 3);

        ApiClient.Response submitted = member.post("/api/v1/jobs", seeded);
        ApiClient.Response unseeded = member.post("/api/v1/jobs", job("unseeded", "resnet8", 128));

        assertThat(submitted.status()).isEqualTo(201);
        long id = submitted.json().get("id").asLong();
        long unseededId = unseeded.json().get("id").asLong();
        assertThat(submitted.json().get("seed").asLong()).isEqualTo(3);
        assertThat(member.get("/api/v1/jobs/" + id).json().get("seed").asLong()).isEqualTo(3);
        assertThat(unseeded.json().get("seed").asLong()).as("as before: the job's id").isEqualTo(unseededId);

        scheduling.runPass();
        var assigned = agent().get("/api/v1/agent/nodes/" + node + "/assignments").json().get("jobs");
        assertThat(assigned).extracting(j -> j.get("jobId").asLong()).containsExactly(id, unseededId);
        assertThat(assigned).extracting(j -> j.get("seed").asLong()).as("the workers' seed")
                .containsExactly(3L, unseededId);
    }

    @Test
    void aDetectorStartsItsBackboneFromASucceededResNet50JobOfItsTeamAndNothingElse() {
        startWithEmptyCluster();
        String node = newNodes(1).get(0);
        ApiClient member = newTeam(unique("detection"), 8);
        ApiClient stranger = newTeam(unique("others"), 8);
        long resnet50 = member.post("/api/v1/jobs", job("r50", "resnet50", 256)).json().get("id").asLong();
        long resnet8 = member.post("/api/v1/jobs", job("r8", "resnet8", 256)).json().get("id").asLong();
        long theirs = stranger.post("/api/v1/jobs", job("their-r50", "resnet50", 256)).json().get("id").asLong();
        scheduling.runPass(); // the node runs the ResNet-50; the others wait
        agent().post("/api/v1/agent/jobs/" + resnet50 + "/status", Map.of("status", "RUNNING"));

        ApiClient.Response whileRunning = member.post("/api/v1/jobs", detector(resnet50));
        agent().post("/api/v1/agent/jobs/" + resnet50 + "/status", Map.of("status", "SUCCEEDED"));
        ApiClient.Response small = member.post("/api/v1/jobs", Map.of("name", "small", "model", "mask-rcnn-small",
                "dataset", "generated-coco", "kn", 16, "backboneFrom", resnet50));
        ApiClient.Response wrongModel = member.post("/api/v1/jobs", detector(resnet8));
        ApiClient.Response otherTeam = member.post("/api/v1/jobs", detector(theirs));
        ApiClient.Response accepted = member.post("/api/v1/jobs", detector(resnet50));

        assertThat(whileRunning.status()).isEqualTo(400);
        assertThat(whileRunning.json().get("detail").asText())
                .isEqualTo("job " + resnet50 + " is RUNNING; a backbone starts from a job that succeeded");
        assertThat(small.json().get("detail").asText()).contains("mask-rcnn-small has none");
        assertThat(wrongModel.json().get("detail").asText())
                .isEqualTo("job " + resnet8 + " trained resnet8; mask-rcnn-r50-fpn's backbone starts from a resnet50 job");
        assertThat(otherTeam.json().get("detail").asText()).endsWith("has no job " + theirs);
        for (ApiClient.Response refused : List.of(whileRunning, small, wrongModel, otherTeam)) {
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("backboneFrom");
        }
        assertThat(accepted.status()).isEqualTo(201);
        long detector = accepted.json().get("id").asLong();
        assertThat(member.get("/api/v1/jobs/" + detector).json().get("backboneFrom").asLong()).isEqualTo(resnet50);
        assertThat(member.get("/api/v1/jobs/" + resnet50).json().path("backboneFrom").isNumber()).isFalse();

        member.post("/api/v1/jobs/" + resnet8 + "/cancel", null);
        stranger.post("/api/v1/jobs/" + theirs + "/cancel", null);
        scheduling.runPass();
        var assigned = agent().get("/api/v1/agent/nodes/" + node + "/assignments").json().get("jobs");
        assertThat(assigned).extracting(j -> j.get("jobId").asLong()).containsExactly(detector);
        assertThat(assigned.get(0).get("backboneFrom").asLong()).as("the agents are told what to start from")
                .isEqualTo(resnet50);
    }

    private static Map<String, Object> detector(long backboneFrom) {
        return Map.of("name", "masks", "model", "mask-rcnn-r50-fpn", "dataset", "generated-coco", "kn", 16,
                "backboneFrom", backboneFrom);
    }
}
