package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.hourglass.backend.support.ControlPlaneTest;
import dev.hourglass.client.ApiClient;
import dev.hourglass.client.ApiException;
import dev.hourglass.client.api.JobsApi;
import dev.hourglass.client.api.RecipesApi;
import dev.hourglass.client.api.TeamsApi;
import dev.hourglass.client.api.UsersApi;
import dev.hourglass.client.model.CreateTeam;
import dev.hourglass.client.model.CreateToken;
import dev.hourglass.client.model.CreateUser;
import dev.hourglass.client.model.JobPage;
import dev.hourglass.client.model.JobView;
import dev.hourglass.client.model.Problem;
import dev.hourglass.client.model.RecipePreview;
import dev.hourglass.client.model.RecipeRequest;
import dev.hourglass.client.model.SubmitJobRequest;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A pipeline's whole round with the Java client that openapi-generator (java, native) makes from the committed
 * contract, used as it is: an admin makes a team, a member and the member's token; the member previews a recipe,
 * submits (and retries the submission safely), polls, pages, reads metrics, reads the event stream to its end, and
 * cancels; a refusal arrives as a typed problem.
 */
class GeneratedClientTest extends ControlPlaneTest {

    private ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl());
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void aPipelineRunsAJobThroughTheGeneratedClient() throws Exception {
        startWithEmptyCluster();
        ApiClient admin = client(ADMIN_TOKEN);
        String team = unique("generated");
        String user = unique("pipeline");
        new TeamsApi(admin).createTeam(new CreateTeam().name(team).quotaGpus(8), null);
        new UsersApi(admin).createUser(new CreateUser().username(user).role(CreateUser.RoleEnum.MEMBER).team(team),
                null);
        String token = new UsersApi(admin).createToken(user, new CreateToken().name("pipeline")).getToken();
        ApiClient member = client(token);
        JobsApi jobs = new JobsApi(member);

        RecipePreview preview = new RecipesApi(member).previewRecipe(new RecipeRequest()
                .model(RecipeRequest.ModelEnum.RESNET8).kn(64).perGpuBatch(32));
        assertThat(preview.getK()).isEqualTo(2);
        assertThat(preview.getPeakLr()).isEqualTo(0.1 * 64 / 256);

        SubmitJobRequest request = new SubmitJobRequest().name("nightly").model(SubmitJobRequest.ModelEnum.RESNET8)
                .dataset("generated").kn(64).perGpuBatch(32);
        String key = UUID.randomUUID().toString();
        JobView submitted = jobs.submitJob(request, key);
        JobView retried = jobs.submitJob(request, key);
        assertThat(retried.getId()).isEqualTo(submitted.getId());
        assertThat(submitted.getStatus()).isEqualTo(JobView.StatusEnum.QUEUED);
        assertThat(submitted.getRecipe().getK()).isEqualTo(2);
        long id = submitted.getId();

        newNodes(1);
        scheduling.runPass();
        assertThat(jobs.getJob(id).getStatus()).isEqualTo(JobView.StatusEnum.STARTING);
        agent().post("/api/v1/agent/jobs/" + id + "/status", Map.of("status", "RUNNING"));
        agent().post("/api/v1/agent/jobs/" + id + "/metrics", Map.of("sequence", 1, "points", List.of(
                Map.of("name", "train.loss", "iteration", 3, "value", 2.25, "time", System.currentTimeMillis()))));
        JobView running = jobs.getJob(id);
        assertThat(running.getStatus()).isEqualTo(JobView.StatusEnum.RUNNING);
        assertThat(running.getProgress().getIteration()).isEqualTo(3);

        jobs.submitJob(new SubmitJobRequest().name("second").model(SubmitJobRequest.ModelEnum.RESNET8)
                .dataset("generated").kn(32).perGpuBatch(32), null);
        JobPage first = jobs.listJobs(team, null, 0, 1);
        JobPage second = jobs.listJobs(team, null, 1, 1);
        assertThat(first.getTotal()).isEqualTo(2);
        assertThat(first.getItems()).extracting(JobView::getName).containsExactly("second");
        assertThat(second.getItems()).extracting(JobView::getName).containsExactly("nightly");

        assertThat(jobs.getJobMetrics(id, "train.loss", 100).getSeries().get("train.loss"))
                .singleElement().satisfies(point -> assertThat(point.getValue()).isEqualTo(2.25));

        JobView cancelled = jobs.cancelJob(id, null, null);
        assertThat(cancelled.getStatus()).isEqualTo(JobView.StatusEnum.CANCELLED);
        // the stream of an ended job ends, so the generated call returns with what it sent
        assertThat(Files.readString(jobs.streamJobEvents(id, 0L, null).toPath()))
                .contains("event:status", "CANCELLED", "event:metrics");

        ApiException refused = catchThrowableOfType(ApiException.class, () -> jobs.submitJob(new SubmitJobRequest()
                .name("too big").model(SubmitJobRequest.ModelEnum.RESNET8).dataset("generated").kn(512)
                .perGpuBatch(32), null));
        assertThat(refused.getCode()).isEqualTo(422);
        Problem problem = member.getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(422);
        assertThat(problem.getDetail()).contains("quota of 8 GPUs");
        assertThat(problem.getErrors()).extracting(error -> error.getField()).containsExactly("kn");
    }
}
