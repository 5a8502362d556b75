package dev.hourglass.bench.scaling;

import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.LineChart;
import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A study's results as the benchmark's table (one row per setting), its chart and its findings. */
final class ScalingReport {

    static final List<String> COLUMNS = List.of("setting", "rule", "kn", "k", "eta", "warmupStartLr", "warmupEpochs",
            "seeds", "valErrorPct", "spreadPct", "minPct", "maxPct", "vsBaselinePoints");

    private ScalingReport() {
    }

    static BenchmarkReport of(ScalingStudy study, List<ArmSummary> summaries, List<PaperClaims.Claim> claims,
                              String setup) {
        ArmSummary baseline = PaperClaims.find(summaries, Rule.BASELINE, 1).orElseThrow();
        List<List<Object>> rows = new ArrayList<>();
        for (ArmSummary summary : summaries) {
            RunResult run = summary.first();
            rows.add(List.of(summary.arm().label(), summary.arm().rule().label, summary.arm().kn(), run.k(),
                    run.peakLr(), run.warmupStartLr(), run.warmupEpochs(), summary.runs().size(),
                    percent(summary.mean()), percent(summary.spread()), percent(summary.min()), percent(summary.max()),
                    percent(summary.mean() - baseline.mean())));
        }
        List<String> findings = new ArrayList<>();
        claims.forEach(claim -> findings.add(claim.line()));
        findings.add(setup);
        return new BenchmarkReport(COLUMNS, rows,
                new LineChart("Final validation error against the minibatch (mean over seeds)", "kn",
                        "total minibatch kn", List.of("valErrorPct"), "validation error (%)", "rule")
                        .withLogarithmicX(), findings);
    }

    /** A fraction as percent, to 0.01. */
    static double percent(double fraction) {
        return Math.round(fraction * 10_000) / 100.0;
    }

    static String format(double fraction) {
        return String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }
}
