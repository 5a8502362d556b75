package dev.hourglass.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The API's contract passes Redocly's recommended rules without an error, as a client generator needs. */
class ContractLintTest {

    private static final Path CONTRACT = Path.of("src/main/openapi/hourglass-api.json");
    private static final Path REDOCLY = Path.of("../build-artifacts/tools/redocly/node_modules/.bin/redocly");

    @Test
    void theContractPassesTheRecommendedRulesWithoutAnError() throws IOException, InterruptedException {
        assertThat(REDOCLY).as("the linter: scripts/install/redocly.sh installs it (./hourglass test runs it)")
                .isExecutable();
        Process lint = new ProcessBuilder(REDOCLY.toString(), "lint", "--extends=recommended", "--format=json",
                CONTRACT.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String report = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        lint.waitFor();

        JsonNode json = new ObjectMapper().readTree(report);
        List<String> errors = new ArrayList<>();
        json.get("problems").forEach(problem -> {
            if ("error".equals(problem.get("severity").asText())) {
                errors.add(problem.get("ruleId").asText() + " at " + problem.get("location").get(0).get("pointer")
                        .asText() + ": " + problem.get("message").asText());
            }
        });
        assertThat(errors).as("Redocly's errors").isEmpty();
        assertThat(json.get("totals").get("errors").asInt()).isZero();
        assertThat(lint.exitValue()).isZero();
    }
}
