package dev.hourglass.backend.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven: every bad request gets a 4xx problem+json with a detail a person can act on (never a 5xx),
 * and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest extends ControlPlaneTest {

    private static final String TEAM = unique("badinput");
    private ApiClient member;

    @BeforeAll
    void team() {
        member = newTeam(TEAM, 16);
    }

    record Case(String name, String method, String path, String body, String contentType, int status, String detail,
                String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String VALID_JOB = "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32}";

    static Stream<Case> cases() {
        String json = "application/json";
        String big = "{\"name\":\"" + "x".repeat(70_000) + "\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32}";
        return Stream.of(
                new Case("malformed JSON", "POST", "/api/v1/jobs", "{\"name\": \"a\",", json, 400, "malformed JSON", null),
                new Case("not an object", "POST", "/api/v1/jobs", "[1,2]", json, 400, null, null),
                new Case("empty body", "POST", "/api/v1/jobs", "", json, 400, "JSON body", null),
                new Case("kn as a word", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":\"lots\"}", json, 400,
                        "'kn' must be an integer", "kn"),
                new Case("kn as a fraction", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32.5}", json, 400,
                        "kn", "kn"),
                new Case("kn as a numeric string", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":\"32\"}", json, 400,
                        "kn", "kn"),
                new Case("kn beyond int", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":99999999999}", json, 400,
                        null, null),
                new Case("unknown field", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32,\"gpus\":4}", json, 400,
                        "unknown field 'gpus'", "gpus"),
                new Case("unknown override", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32,\"overrides\":{\"lr\":1}}",
                        json, 400, "unknown field 'overrides.lr'", "overrides.lr"),
                new Case("bad warmup kind", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32,\"overrides\":{\"warmup\":\"slow\"}}",
                        json, 400, "one of NONE, CONSTANT, GRADUAL", "overrides.warmup"),
                new Case("missing name", "POST", "/api/v1/jobs",
                        "{\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32}", json, 400, "name is required", "name"),
                new Case("missing kn", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\"}", json, 400, "kn is required", "kn"),
                new Case("unknown model", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"vgg\",\"dataset\":\"generated\",\"kn\":32}", json, 400,
                        "known models: resnet50", "model"),
                new Case("kn not a multiple of n", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":33}", json, 400,
                        "kn=33 is not a multiple of perGpuBatch=32", "kn"),
                new Case("relative dataset path", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"data/imagenet\",\"kn\":32}", json, 400,
                        "absolute path", "dataset"),
                new Case("dataset of the other family", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated-coco\",\"kn\":32}", json, 400,
                        "use 'generated' or 'generated-16k'", "dataset"),
                new Case("image set for a detector", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"mask-rcnn-small\",\"dataset\":\"generated-16k\",\"kn\":4}", json,
                        400, "use 'generated-coco'", "dataset"),
                new Case("absurd priority", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32,\"priority\":5000}", json,
                        400, "priority=5000", "priority"),
                new Case("the smallest int as priority", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32,\"priority\":-2147483648}",
                        json, 400, "priority=-2147483648", "priority"),
                new Case("garbage after the job", "POST", "/api/v1/jobs", VALID_JOB + " garbage", json, 400,
                        "malformed JSON", null),
                new Case("brackets after the job", "POST", "/api/v1/jobs", VALID_JOB + "]]]", json, 400,
                        "malformed JSON", null),
                new Case("a second object after the job", "POST", "/api/v1/jobs", VALID_JOB + VALID_JOB, json, 400,
                        "malformed JSON", null),
                new Case("NUL in the name", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\\u0000b\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32}", json,
                        400, "control characters", "name"),
                new Case("a line break in the name", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\\nb\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32}", json,
                        400, "control characters", "name"),
                new Case("10,000 characters of series names", "GET", "/api/v1/jobs/" + Long.MAX_VALUE
                        + "/metrics?names=" + "a".repeat(10_000), null, json, 404, "no job", null),
                new Case("negative seed", "POST", "/api/v1/jobs",
                        "{\"name\":\"a\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":32,\"seed\":-1}", json,
                        400, "seed=-1 must be at least 0", "seed"),
                new Case("oversized body", "POST", "/api/v1/jobs", big, json, 413, "larger than the limit", null),
                new Case("not JSON at all", "POST", "/api/v1/jobs", "name=a", "text/plain", 415, null, null),
                new Case("job id not a number", "GET", "/api/v1/jobs/abc", null, json, 400, "parameter 'id'", "id"),
                new Case("unknown job", "GET", "/api/v1/jobs/987654321", null, json, 404, "no job 987654321", null),
                new Case("cancel unknown job", "POST", "/api/v1/jobs/987654321/cancel", null, json, 404, "no job", null),
                new Case("unknown status filter", "GET", "/api/v1/jobs?status=DONE", null, json, 400, "parameter 'status'",
                        "status"),
                new Case("negative page", "GET", "/api/v1/jobs?page=-1", null, json, 400, "page=-1", "page"),
                new Case("huge page size", "GET", "/api/v1/jobs?size=100000", null, json, 400, "size=100000", "size"),
                new Case("unknown team usage", "GET", "/api/v1/teams/no-such-team/usage", null, json, 404, "no team", null),
                new Case("unknown path", "GET", "/api/v1/nothing-here", null, json, 404, null, null),
                new Case("wrong method", "DELETE", "/api/v1/jobs", null, json, 405, null, null),
                new Case("preview with a word for kn", "POST", "/api/v1/recipes/preview",
                        "{\"model\":\"resnet50\",\"kn\":\"eight\"}", json, 400, "'kn' must be an integer", "kn"));
    }

    @Test
    void aPageBeyondAnyJobIsEmptyNotAnError() {
        ApiClient.Response response = member.get("/api/v1/jobs?page=" + Integer.MAX_VALUE);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("items")).isEmpty();
        assertThat(response.json().get("page").asInt()).isEqualTo(Integer.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAProblemAndChangesNothing(Case c) {
        long jobsBefore = jdbc.queryForObject("select count(*) from jobs", Long.class);

        ApiClient.Response response = member.send(c.method(), c.path(), c.body(), c.contentType());

        assertThat(response.status()).as(c.name() + ": " + response).isEqualTo(c.status());
        assertThat(response.contentType()).as(c.name()).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(c.status());
        assertThat(response.detail()).as(c.name()).isNotBlank();
        if (c.detail() != null) {
            assertThat(response.detail()).as(c.name()).contains(c.detail());
        }
        if (c.field() != null) {
            assertThat(response.json().get("errors")).as(c.name())
                    .anySatisfy(e -> assertThat(e.get("field").asText()).isEqualTo(c.field()));
        }
        assertThat(jdbc.queryForObject("select count(*) from jobs", Long.class)).as(c.name()).isEqualTo(jobsBefore);
    }

}
