package dev.hourglass.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalingMarkdownTest {

    private static final ScalingStudy STUDY = ScalingStudy.standard().withEpochs(8).withWarmupEpochs(1.0).withSeeds(1);

    @TempDir
    Path dir;

    @Test
    void theReportHasARowPerSettingTheClaimsTheCurvesAndEveryRun() throws Exception {
        List<Double> curve = List.of(0.8, 0.6, 0.5, 0.4, 0.35, 0.3, 0.3, 0.3);
        List<RunResult> results = List.of(
                PaperClaimsTest.run(Rule.BASELINE, 1, 1, 0.30, curve),
                PaperClaimsTest.run(Rule.LINEAR_GRADUAL_WARMUP, 32, 1, 0.305, curve),
                PaperClaimsTest.run(Rule.NO_SCALING, 32, 1, 0.50, curve));
        List<ArmSummary> summaries = ArmSummary.of(STUDY, results);
        List<PaperClaims.Claim> claims = PaperClaims.check(STUDY, summaries);

        List<String> curves = TrainingCurves.write(STUDY, summaries, dir);
        Path file = ScalingMarkdown.write(dir, STUDY, summaries, claims, curves, "this machine",
                "./hourglass bench scaling --out docs");
        BenchmarkReport report = ScalingReport.of(STUDY, summaries, claims, "this machine");

        String markdown = Files.readString(file);
        assertThat(curves).as("only kn=256 has a large-minibatch run to plot").containsExactly(
                "scaling-training-error-kn256.png");
        assertThat(dir.resolve(curves.get(0))).isNotEmptyFile();
        assertThat(markdown).contains("Reproduce: `./hourglass bench scaling --out docs`")
                .contains("| baseline | 8 | 1 (1) | 0.025 | none | 30.0 ± 0.0 | 30.0 – 30.0 | +0.0 |")
                .contains("| linear + gradual warmup | 256 | 32 (4) | 0.8 | gradual from 0.025 over 1 ep | 30.5 ± 0.0 |")
                .contains("- **PASS** linear scaling + gradual warmup at 32x (kn=256) is within 1 point")
                .contains("- **PASS** with no scaling of eta, kn=256 is clearly worse")
                .contains("![scaling-training-error-kn256.png](scaling-training-error-kn256.png)")
                .contains("| 101 | no scaling | 256 | 1 | 60.0 50.0 | 1.0 |");
        assertThat(report.values("setting")).containsExactly("baseline kn=8", "linear + gradual warmup kn=256",
                "no scaling kn=256");
        assertThat(report.column("vsBaselinePoints")).containsExactly(0.0, 0.5, 20.0);
        assertThat(report.findings()).hasSize(3).last().isEqualTo("this machine");
    }
}
