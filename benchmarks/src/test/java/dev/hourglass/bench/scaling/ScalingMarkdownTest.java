package dev.hourglass.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalingMarkdownTest {

    private static final ScalingStudy STUDY = ScalingStudy.standard().withEpochs(8).withSeeds(2);

    @TempDir
    Path dir;

    @Test
    void theReportHasFigure1Table2cTheClaimsTheCurvesAndEveryRun() throws Exception {
        List<RunResult> results = new ArrayList<>();
        results.addAll(PaperClaimsTest.runs(Rule.BASELINE, 1, 0.30, 0.31));
        results.addAll(PaperClaimsTest.runs(Rule.LINEAR_GRADUAL_WARMUP, 8, 0.305, 0.305));
        results.addAll(PaperClaimsTest.runs(Rule.LINEAR_GRADUAL_WARMUP, 16, 0.45));
        results.addAll(PaperClaimsTest.runs(Rule.NO_SCALING, 8, 0.50, 0.52));
        results.addAll(PaperClaimsTest.runs(Rule.LINEAR_NO_WARMUP, 8, 0.32, 0.33));
        List<ArmSummary> summaries = ArmSummary.of(results);
        List<PaperClaims.Claim> claims = PaperClaims.check(STUDY, summaries, 8);

        List<String> curves = TrainingCurves.write(STUDY, summaries, 8, dir);
        Path file = ScalingMarkdown.write(dir, STUDY, summaries, 8, claims, curves, "this machine",
                "./hourglass bench scaling --out docs");
        BenchmarkReport report = ScalingReport.of(STUDY, summaries, claims, "this machine");

        String markdown = Files.readString(file);
        assertThat(curves).containsExactly("figure2-kn128.png", "ablations-kn128.png");
        assertThat(dir.resolve(curves.get(0))).isNotEmptyFile();
        assertThat(markdown).contains("Reproduce: `./hourglass bench scaling --out docs`")
                .contains("tested at kn/N = 1/128 (128 iterations per epoch, 1024 in all)")
                .contains("| 16 | 1x | 1/1024 | 2 | 0.1 | 2 | 30.5 ± 0.7 | +0.0 |")
                .contains("| 256 | 16x | 1/64 | 2 | 1.6 | 1 | 45.0 | +14.5 |")
                .contains("the largest kn/N within 1 point of the baseline: 1/128 (kn=128, 8x the baseline, 128"
                        + " iterations per epoch); at 1/64 (kn=256) the error was +14.5 points")
                .contains("| no scaling kn=128 | 0.8 | gradual from 0.1 over 0.44 ep | 2 | 51.0 ± 1.4 | 50.0 – 52.0 |"
                        + " +20.5 |")
                .contains("| linear, no warmup kn=128 | 0.8 | none | 2 |")
                .contains("- **PASS** linear scaling + gradual warmup at 8x (kn=128, kn/N = 1/128) is within 1 point")
                .contains("- **PASS** with no scaling of eta, kn=128 is clearly worse")
                .contains("- **PASS** with no warmup, kn=128 trains worse over the first 2 epochs")
                .contains("![figure2-kn128.png](figure2-kn128.png)")
                .contains("| linear + gradual warmup kn=256 | 16 (2) | 516 | 1.0 |")
                .contains("| 101 | no scaling | 128 | 1 | 60.0 50.0 | 1.0 |");
        assertThat(report.values("setting")).containsExactly("baseline kn=16", "linear + gradual warmup kn=128",
                "linear + gradual warmup kn=256", "no scaling kn=128", "linear, no warmup kn=128");
        assertThat(report.values("series")).containsExactly(ScalingReport.FIGURE_1_SERIES,
                ScalingReport.FIGURE_1_SERIES, ScalingReport.FIGURE_1_SERIES, "no scaling", "linear, no warmup");
        assertThat(report.column("vsBaselinePoints")).containsExactly(0.0, 0.0, 14.5, 20.5, 2.0);
        assertThat(report.findings()).hasSize(5).last().isEqualTo("this machine");
    }
}
