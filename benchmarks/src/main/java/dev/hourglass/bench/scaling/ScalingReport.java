package dev.hourglass.bench.scaling;

import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.LineChart;
import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A study's results as the benchmark's table (one row per setting), its chart and its findings. The chart is the
 * paper's Figure 1: final validation error against kn, linear scaling with gradual warmup from the baseline up (the
 * baseline is that rule at 1x), with the ablations as points of their own at the kn they ran at.
 */
final class ScalingReport {

    static final String FIGURE_1_SERIES = "linear + gradual warmup (Figure 1)";
    static final List<String> COLUMNS = List.of("setting", "series", "kn", "knOverN", "itersPerEpoch", "k", "eta",
            "warmupStartLr", "warmupEpochs", "seeds", "valErrorPct", "spreadPct", "minPct", "maxPct",
            "vsBaselinePoints", "imagesPerSecond");

    private ScalingReport() {
    }

    static BenchmarkReport of(ScalingStudy study, List<ArmSummary> summaries, List<PaperClaims.Claim> claims,
                              String setup) {
        ArmSummary baseline = PaperClaims.find(summaries, Rule.BASELINE, 1).orElseThrow();
        List<List<Object>> rows = new ArrayList<>();
        for (ArmSummary summary : summaries) {
            RunResult run = summary.first();
            Rule rule = summary.arm().rule();
            String series = rule == Rule.BASELINE || rule == Rule.LINEAR_GRADUAL_WARMUP ? FIGURE_1_SERIES : rule.label;
            rows.add(List.of(summary.arm().label(), series, summary.arm().kn(),
                    study.fractionLabel(summary.arm().multiple()), run.itersPerEpoch(), run.k(), run.peakLr(),
                    run.warmupStartLr(), run.warmupEpochs(), summary.runs().size(), percent(summary.mean()),
                    percent(summary.spread()), percent(summary.min()), percent(summary.max()),
                    percent(summary.mean() - baseline.mean()), Math.round(summary.imagesPerSecond())));
        }
        List<String> findings = new ArrayList<>();
        claims.forEach(claim -> findings.add(claim.line()));
        findings.add(PaperClaims.limit(study, summaries));
        findings.add(setup);
        return new BenchmarkReport(COLUMNS, rows,
                new LineChart("Final validation error against the minibatch (Figure 1; mean over seeds)", "kn",
                        "total minibatch kn", List.of("valErrorPct"), "validation error (%)", "series")
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
