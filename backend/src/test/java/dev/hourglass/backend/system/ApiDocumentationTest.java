package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document is a contract a generated client can use as it is: named operations, bearer security, JSON and
 * event-stream media types, RFC 9457 problems for errors, required fields and closed lists, and the agent protocol
 * apart from the API people and pipelines use.
 */
class ApiDocumentationTest extends ControlPlaneTest {

    static final Path CONTRACT = Path.of("../api-client/src/main/openapi/hourglass-api.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonNode document(String group) throws IOException {
        ApiClient.Response document = admin().anonymous().get("/v3/api-docs/" + group);
        assertThat(document.status()).isEqualTo(200);
        Path written = Path.of("target", "openapi-" + group + ".json");
        Files.createDirectories(written.getParent());
        Files.writeString(written, document.raw()); // for a look, and for the client generator
        return document.json();
    }

    @Test
    void theApiDocumentNamesItsOperationsAndSecuresThemWithBearerTokens() throws IOException {
        JsonNode api = document("api");

        assertThat(api.get("info").get("title").asText()).isEqualTo("Hourglass API");
        assertThat(api.get("info").get("version").asText()).isEqualTo(ApiDocumentation.VERSION);
        assertThat(api.get("components").get("securitySchemes").get("bearer").get("scheme").asText())
                .isEqualTo("bearer");
        assertThat(api.get("security").get(0).has("bearer")).isTrue();
        JsonNode jobs = api.get("paths").get("/api/v1/jobs");
        assertThat(jobs.get("post").get("operationId").asText()).isEqualTo("submitJob");
        assertThat(jobs.get("get").get("operationId").asText()).isEqualTo("listJobs");
        assertThat(api.get("paths").get("/api/v1/jobs/{id}").get("get").get("operationId").asText())
                .isEqualTo("getJob");
        assertThat(api.get("paths").get("/api/v1/jobs/{id}/cancel").get("post").get("operationId").asText())
                .isEqualTo("cancelJob");
        assertThat(jobs.get("post").get("tags")).extracting(JsonNode::asText).containsExactly("jobs");
        assertThat(api.get("paths").has("/api/v1/agent/nodes")).as("the agents' protocol is a group of its own")
                .isFalse();

        List<String> operationIds = new ArrayList<>();
        api.get("paths").forEach(path -> path.forEach(operation -> operationIds.add(
                operation.get("operationId").asText())));
        assertThat(operationIds).doesNotHaveDuplicates().noneMatch(id -> id.matches(".*_\\d+"));
    }

    @Test
    void responsesAreJsonOrAnEventStreamAndErrorsAreProblems() throws IOException {
        JsonNode api = document("api");
        JsonNode submit = api.get("paths").get("/api/v1/jobs").get("post");

        assertThat(submit.get("requestBody").get("content").has("application/json")).isTrue();
        assertThat(submit.get("responses").get("201").get("content").get("application/json").get("schema")
                .get("$ref").asText()).isEqualTo("#/components/schemas/JobView");
        assertThat(submit.get("responses").get("422").get("content").get("application/problem+json").get("schema")
                .get("$ref").asText()).isEqualTo("#/components/schemas/Problem");
        assertThat(submit.get("parameters")).extracting(parameter -> parameter.get("name").asText())
                .contains("Idempotency-Key");
        api.get("paths").forEach(path -> path.forEach(operation -> {
            assertThat(operation.get("responses").has("401")).as(operation.get("operationId").asText()).isTrue();
            assertThat(operation.get("responses").fieldNames()).toIterable().as(operation.get("operationId").asText())
                    .anyMatch(status -> status.startsWith("2"));
            operation.get("responses").forEach(response -> {
                if (response.has("content")) {
                    assertThat(response.get("content").fieldNames()).toIterable()
                            .as(operation.get("operationId").asText()).doesNotContain("*/*");
                }
            });
        }));
        JsonNode events = api.get("paths").get("/api/v1/jobs/{id}/events").get("get");
        assertThat(events.get("operationId").asText()).isEqualTo("streamJobEvents");
        assertThat(events.get("responses").get("200").get("content").has("text/event-stream")).isTrue();
        assertThat(api.get("components").get("schemas").has("SseEmitter")).isFalse();
    }

    @Test
    void fieldsSayWhetherTheyAreRequiredAndWhichValuesTheyTake() throws IOException {
        JsonNode schemas = document("api").get("components").get("schemas");

        JsonNode submit = schemas.get("SubmitJobRequest");
        assertThat(submit.get("required")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("name", "model", "dataset", "kn");
        assertThat(submit.get("properties").get("name").get("maxLength").asInt()).isEqualTo(200);
        assertThat(submit.get("properties").get("model").get("enum")).extracting(JsonNode::asText)
                .contains("resnet8", "resnet50", "mask-rcnn-r50-fpn");
        assertThat(submit.get("properties").get("allreduce").get("enum")).extracting(JsonNode::asText)
                .contains("auto", "ring");
        JsonNode job = schemas.get("JobView");
        assertThat(job.get("required")).extracting(JsonNode::asText)
                .contains("id", "name", "team", "status", "kn", "recipe", "progress");
        assertThat(job.get("properties").get("recipe").get("$ref").asText())
                .isEqualTo("#/components/schemas/RecipePlan");
        assertThat(job.get("properties").get("status").get("enum")).extracting(JsonNode::asText)
                .contains("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(schemas.get("Waiting").get("properties").get("kind").get("enum")).extracting(JsonNode::asText)
                .contains("QUOTA", "SCHEDULING");
        assertThat(schemas.get("Problem").get("required")).extracting(JsonNode::asText)
                .contains("status", "detail");
    }

    @Test
    void theAgentProtocolIsDocumentedApartAndSwaggerUiIsServed() throws IOException {
        JsonNode agents = document("agents");

        assertThat(agents.get("paths").fieldNames()).toIterable().allMatch(path -> path.startsWith("/api/v1/agent/"));
        assertThat(agents.get("paths").get("/api/v1/agent/nodes/{name}/assignments").get("get").get("operationId")
                .asText()).isEqualTo("getAssignments");
        assertThat(admin().anonymous().get("/swagger-ui/index.html").status()).isEqualTo(200);
    }

    /**
     * The generated client is built from the committed contract; a change of the API shows up here first. Run with
     * {@code -Dhourglass.update-contract=true} to write the served document over the contract, then review the diff.
     */
    @Test
    void theServedDocumentIsTheCommittedContract() throws IOException {
        JsonNode served = document("api");
        if (Boolean.getBoolean("hourglass.update-contract")) {
            Files.writeString(CONTRACT, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(served) + "\n");
        }
        assertThat(served).as("the API differs from its contract, " + CONTRACT + ": review the change, then run"
                + " this test with -Dhourglass.update-contract=true to update the contract")
                .isEqualTo(JSON.readTree(CONTRACT.toFile()));
    }

    @Test
    void healthIsPublic() {
        assertThat(admin().anonymous().get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
    }
}
