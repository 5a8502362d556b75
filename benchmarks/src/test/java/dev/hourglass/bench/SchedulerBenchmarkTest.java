package dev.hourglass.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench scheduler --quick --out DIR}: the table, the JSON rows and the chart it leaves behind (timings are not judged). */
class SchedulerBenchmarkTest {

    @TempDir
    static Path out;

    private static int status;
    private static String printed;

    @BeforeAll
    static void runQuickly() {
        System.setProperty("java.awt.headless", "true");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        status = BenchmarkMain.run(new String[] {"scheduler", "--quick", "--out", out.toString()},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        printed = stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsATableAndWhetherTheGoalIsMet() {
        assertThat(status).isZero();
        assertThat(printed).contains("nodes", "medianMs", "p99Ms", "the goal of under 100 ms");
    }

    @Test
    void writesOneJsonRowPerClusterSize() throws Exception {
        JsonNode rows = new ObjectMapper().readTree(out.resolve("scheduler.json").toFile());

        assertThat(rows.isArray()).isTrue();
        assertThat(rows).extracting(row -> row.get("nodes").asInt()).containsExactly(100, 250, 500, 1_000);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("gpus").asInt()).isEqualTo(row.get("nodes").asInt() * 8);
            assertThat(row.get("queuedJobs").asInt()).isEqualTo(10_000);
            assertThat(row.get("placed").asInt()).isPositive();
            assertThat(row.get("medianMs").isNumber()).isTrue();
            assertThat(row.get("p99Ms").asDouble()).isGreaterThanOrEqualTo(row.get("medianMs").asDouble());
        });
    }

    @Test
    void drawsTheChartAsAPng() throws Exception {
        BufferedImage chart = ImageIO.read(out.resolve("scheduler.png").toFile());

        assertThat(chart).isNotNull();
        assertThat(chart.getWidth()).isEqualTo(ReportFiles.CHART_WIDTH);
        assertThat(chart.getHeight()).isEqualTo(ReportFiles.CHART_HEIGHT);
    }

    @Test
    void anUnknownBenchmarkIsAUsageErrorThatNamesTheKnownOnes() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int unknown = BenchmarkMain.run(new String[] {"allreduce-typo"}, System.out, new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(unknown).isEqualTo(BenchmarkMain.USAGE_ERROR);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("unknown benchmark 'allreduce-typo'; known: scheduler");
    }
}
