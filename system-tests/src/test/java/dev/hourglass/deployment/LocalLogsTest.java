package dev.hourglass.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./hourglass up} after a crash: the logs that explain it are still there. Every log the script writes is
 * first moved aside by {@code keep_previous_log} (scripts/lib.sh), run here by bash on real files.
 */
@Tag("system")
class LocalLogsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path logs;

    @Test
    void eachStartKeepsThePreviousRunsLogsUpToALimit() throws Exception {
        Path log = logs.resolve("control-plane.log");
        for (int run = 1; run <= 5; run++) {
            keepPreviousLog(log, 3);
            Files.writeString(log, "run " + run + "\n");
        }

        assertThat(Files.readString(log)).isEqualTo("run 5\n");
        assertThat(Files.readString(logs.resolve("control-plane.log.1"))).isEqualTo("run 4\n");
        assertThat(Files.readString(logs.resolve("control-plane.log.2"))).isEqualTo("run 3\n");
        assertThat(Files.readString(logs.resolve("control-plane.log.3"))).isEqualTo("run 2\n");
        assertThat(logs.resolve("control-plane.log.4")).doesNotExist();
    }

    @Test
    void anEmptyOrMissingLogIsNotKept() throws Exception {
        Path log = logs.resolve("agent-local-1.log");
        keepPreviousLog(log, 3);
        Files.writeString(log, "");
        keepPreviousLog(log, 3);

        assertThat(logs.resolve("agent-local-1.log.1")).doesNotExist();
    }

    @Test
    void upKeepsEveryLogItWritesBeforeWritingIt() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("scripts/up.sh"));
        Pattern written = Pattern.compile(">\"(\\$HOURGLASS_HOME/logs/[^\"]+\\.log)\"");
        int logsWritten = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher matcher = written.matcher(lines.get(i));
            if (matcher.find()) {
                logsWritten++;
                String kept = "keep_previous_log \"" + matcher.group(1) + "\"";
                assertThat(lines.subList(Math.max(0, i - 6), i)).as("line %d of up.sh", i + 1)
                        .anySatisfy(before -> assertThat(before.trim()).isEqualTo(kept));
            }
        }
        assertThat(logsWritten).isEqualTo(2);
    }

    private void keepPreviousLog(Path log, int keep) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "-c", "source scripts/lib.sh && keep_previous_log \"$1\" \"$2\"",
                "bash", log.toString(), Integer.toString(keep)).directory(ROOT.toFile()).redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor()).as(output).isZero();
    }
}
