package dev.hourglass.backend.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The OpenAPI document as a contract for generated clients: a title and version, bearer authentication, the errors
 * every operation can answer as RFC 9457 problems, and two groups: the API that people and pipelines use
 * ({@code /v3/api-docs/api}) and the agent protocol ({@code /v3/api-docs/agents}).
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

    public static final String VERSION = "1.0.0";
    static final String BEARER = "bearer";
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";

    /** The statuses any API call can answer, besides those an operation declares itself. */
    private static final Map<String, String> COMMON_ERRORS = Map.of(
            "400", "the request is malformed or a field is invalid (errors names each)",
            "401", "no valid bearer token (WWW-Authenticate says so)",
            "403", "the caller's role does not allow this",
            "503", "the database is unavailable; retry after Retry-After seconds");

    @Bean
    OpenAPI hourglassApi() {
        return new OpenAPI()
                .info(new Info().title("Hourglass API").version(VERSION).description("Large-minibatch synchronous SGD"
                        + " training, managed: derive the paper's recipe for a minibatch, submit jobs within a team's"
                        + " GPU quota, follow them live."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("an API token (POST /api/v1/users/{username}/tokens);"
                                        + " agents present the agent token"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                // fixed, not the address the document was fetched from: the document is a contract under version
                // control, and clients are pointed at their control plane when made
                .servers(List.of(new Server().url("/").description("the control plane that serves this document")));
    }

    @Bean
    GroupedOpenApi usersApiGroup(OperationCustomizer documentedProblems) {
        return GroupedOpenApi.builder().group("api").displayName("Hourglass API")
                .pathsToMatch("/api/v1/**").pathsToExclude("/api/v1/agent/**")
                .addOperationCustomizer(documentedProblems).addOperationCustomizer(idempotencyKeys())
                .addOpenApiCustomizer(ApiDocumentation::sortTags).build();
    }

    @Bean
    GroupedOpenApi agentProtocolGroup(OperationCustomizer documentedProblems) {
        return GroupedOpenApi.builder().group("agents").displayName("Agent protocol")
                .pathsToMatch("/api/v1/agent/**").addOperationCustomizer(documentedProblems)
                .addOpenApiCustomizer(ApiDocumentation::sortTags).build();
    }

    /** Adds to every operation the errors any call can answer, each an RFC 9457 problem. */
    @Bean
    OperationCustomizer documentedProblems() {
        return (Operation operation, org.springframework.web.method.HandlerMethod handler) -> {
            ApiResponses responses = operation.getResponses();
            COMMON_ERRORS.forEach((status, description) -> responses.computeIfAbsent(status,
                    missing -> problemResponse(description)));
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    response.setContent(problemContent());
                }
            });
            return operation;
        };
    }

    /** By name, so that the document does not change with the order in which controllers are found. */
    private static void sortTags(OpenAPI document) {
        if (document.getTags() != null) {
            document.getTags().sort(Comparator.comparing(io.swagger.v3.oas.models.tags.Tag::getName));
        }
    }

    /** The Idempotency-Key header on the creating POSTs that honour it (all but token creation). */
    private static OperationCustomizer idempotencyKeys() {
        return (operation, handler) -> {
            if (handler.hasMethodAnnotation(PostMapping.class) && !"createToken".equals(operation.getOperationId())
                    && !"previewRecipe".equals(operation.getOperationId())) {
                operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                        .description("makes a retry safe: the same key and request get the first answer again"
                                + " (Idempotent-Replayed: true) and change nothing; the key with another request is"
                                + " refused with 422; kept a day")
                        .schema(new StringSchema().minLength(1).maxLength(255)));
            }
            return operation;
        };
    }

    /** A response of {@code description} whose body is a problem. */
    public static ApiResponse problemResponse(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the request field at fault"))
                .addProperty("message", new StringSchema().description("what is wrong with it and what would be right"))
                .required(List.of("field", "message"));
        return new ObjectSchema().description("An error, as RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri").example("about:blank"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().format("int32").example(400))
                .addProperty("detail", new StringSchema().description("what was wrong and what would be right"))
                .addProperty("instance", new StringSchema().format("uri").description("the path that was called"))
                .addProperty("errors", new ArraySchema().items(fieldError)
                        .description("for invalid fields, one entry each"))
                .required(List.of("type", "title", "status", "detail"));
    }
}
