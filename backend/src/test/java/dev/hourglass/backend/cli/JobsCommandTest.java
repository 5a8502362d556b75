package dev.hourglass.backend.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.backend.support.ApiClient;
import dev.hourglass.backend.support.ControlPlaneTest;
import dev.hourglass.cli.HourglassCli;
import dev.hourglass.cli.jobs.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./hourglass jobs} against a running control plane, as a shell pipeline uses it: submit, list, get, metrics,
 * watch to the end and cancel, in tables and in JSON, with exit codes a script can branch on.
 */
class JobsCommandTest extends ControlPlaneTest {

    private final ObjectMapper json = new ObjectMapper();

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String token, String... args) {
        List<String> line = new ArrayList<>(List.of(args));
        line.addAll(List.of("--url", baseUrl(), "--token", token));
        return runAsGiven(line.toArray(String[]::new));
    }

    private static Run runAsGiven(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = HourglassCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private String tokenOfNewTeam(String team) {
        ApiClient member = newTeam(team, 8);
        String user = member.get("/api/v1/me").json().get("username").asText();
        return member.post("/api/v1/users/" + user + "/tokens", Map.of("name", "cli")).json().get("token").asText();
    }

    @Test
    void aScriptSubmitsListsReadsAndCancelsInJsonAndTables() throws Exception {
        startWithEmptyCluster();
        String team = unique("shell");
        String token = tokenOfNewTeam(team);

        Run submitted = run(token, "jobs", "submit", "--name", "from-shell", "--model", "resnet8", "--dataset",
                "generated", "--kn", "64", "-o", "json");
        assertThat(submitted.exitCode()).as(submitted.err()).isEqualTo(ExitCodes.OK);
        long id = json.readTree(submitted.out()).get("id").asLong();

        Run table = run(token, "jobs", "list", "--team", team);
        assertThat(table.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(table.out()).contains("ID", "STATUS", Long.toString(id), "from-shell", "QUEUED",
                "page 0: 1 of 1 job(s)");
        JsonNode page = json.readTree(run(token, "jobs", "list", "--team", team, "-o", "json").out());
        assertThat(page.get("total").asLong()).isEqualTo(1);

        Run shown = run(token, "jobs", "get", Long.toString(id));
        assertThat(shown.out()).contains("job " + id + "  from-shell", "status    QUEUED", "kn=64 (2 GPUs x 32)");

        Run cancelled = run(token, "jobs", "cancel", Long.toString(id));
        assertThat(cancelled.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(cancelled.out()).contains("job " + id + " CANCELLED");
        Run again = run(token, "jobs", "cancel", Long.toString(id));
        assertThat(again.exitCode()).as("a refusal").isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err()).contains("409", "already ended");
        assertThat(run(token, "jobs", "watch", Long.toString(id)).exitCode()).isEqualTo(ExitCodes.JOB_CANCELLED);
    }

    @Test
    void watchFollowsAJobToItsEndWithProgressLossAndError() throws Exception {
        startWithEmptyCluster();
        String token = tokenOfNewTeam(unique("watch"));
        long id = json.readTree(run(token, "jobs", "submit", "--name", "watched", "--model", "resnet8", "--dataset",
                "generated", "--kn", "32", "--epochs", "2", "-o", "json").out()).get("id").asLong();
        newNodes(1);
        scheduling.runPass();
        agent().post("/api/v1/agent/jobs/" + id + "/status", Map.of("status", "RUNNING"));
        agent().post("/api/v1/agent/jobs/" + id + "/metrics", Map.of("sequence", 1, "points", List.of(
                Map.of("name", "train.loss", "iteration", 5, "value", 1.5, "time", System.currentTimeMillis()),
                Map.of("name", "val.top1_error", "iteration", 5, "value", 0.234,
                        "time", System.currentTimeMillis()))));

        CompletableFuture<Run> watching = CompletableFuture.supplyAsync(() -> run(token, "jobs", "watch",
                Long.toString(id), "--interval", "0.1"));
        agent().post("/api/v1/agent/jobs/" + id + "/status", Map.of("status", "SUCCEEDED"));
        Run watched = watching.get(60, TimeUnit.SECONDS);

        assertThat(watched.exitCode()).as(watched.err()).isEqualTo(ExitCodes.OK);
        assertThat(watched.out()).contains("loss 1.5000", "val error 23.4%", "job " + id + " SUCCEEDED")
                .contains("[" + "#".repeat(30) + "] 100%");

        Run metrics = run(token, "jobs", "metrics", Long.toString(id));
        assertThat(metrics.out()).contains("SERIES", "train.loss", "val.top1_error");
    }

    @Test
    void theControlPlaneAndTokenComeFromAConfigFileUnlessGivenOnTheCommandLine(@TempDir Path home)
            throws IOException {
        String team = unique("configured");
        String token = tokenOfNewTeam(team);
        Path config = home.resolve("config");
        Files.writeString(config, "url=" + baseUrl() + "\ntoken=" + token + "\n");

        Run configured = runAsGiven("jobs", "list", "--config", config.toString());
        assertThat(configured.exitCode()).as(configured.err()).isEqualTo(ExitCodes.OK);

        Files.writeString(config, "url=http://127.0.0.1:1\ntoken=not-this-one\n");
        Run overridden = runAsGiven("jobs", "list", "--config", config.toString(), "--url", baseUrl(), "--token",
                token);
        assertThat(overridden.exitCode()).as(overridden.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void exitCodesSayWhetherTheRequestWasRefusedOrTheControlPlaneUnreachable() {
        String token = tokenOfNewTeam(unique("codes"));

        Run missing = run(token, "jobs", "get", "999999999");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(missing.err()).contains("404 no job 999999999");

        Run overQuota = run(token, "jobs", "submit", "--name", "big", "--model", "resnet8", "--dataset", "generated",
                "--kn", "4096");
        assertThat(overQuota.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(overQuota.err()).contains("422", "quota of 8 GPUs");

        Run badToken = run("not-a-token", "jobs", "list");
        assertThat(badToken.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(badToken.err()).contains("401");

        Run badModel = run(token, "jobs", "submit", "--name", "x", "--model", "lenet", "--dataset", "generated",
                "--kn", "32");
        assertThat(badModel.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badModel.err()).contains("--model lenet is not one of");

        StringWriter err = new StringWriter();
        CommandLine cli = HourglassCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("jobs", "list", "--url", "http://127.0.0.1:1", "--token", token))
                .isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(err.toString()).contains("did not answer");
    }
}
