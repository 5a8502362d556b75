package dev.hourglass.bench.scaling;

import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The study written up as a Markdown page beside its charts: the regime, Figure 1, Table 2c, the claims, Figure 2,
 * the speed reached and every run. Every number on it comes from the runs.
 */
final class ScalingMarkdown {

    static final String FILE = "scaling.md";

    private ScalingMarkdown() {
    }

    static Path write(Path dir, ScalingStudy study, List<ArmSummary> summaries, int ablationMultiple,
                      List<PaperClaims.Claim> claims, List<String> curveFiles, String environment, String command)
            throws IOException {
        Files.writeString(dir.resolve(FILE), render(study, summaries, ablationMultiple, claims, curveFiles,
                environment, command));
        return dir.resolve(FILE);
    }

    static String render(ScalingStudy study, List<ArmSummary> summaries, int ablationMultiple,
                         List<PaperClaims.Claim> claims, List<String> curveFiles, String environment, String command) {
        StringBuilder md = new StringBuilder();
        md.append("# Minibatch scaling in the paper's regime\n\n");
        md.append("The paper's experiment (Goyal et al. 2017: Figure 1, Table 2c, Figure 2) on this machine, through"
                + " the real platform: every run is a job submitted to the control plane's REST API, gang-scheduled"
                + " on local trainer agents (8 CPU devices each) and trained by their workers under `mpirun` with"
                + " hierarchical allreduce; its metrics are read back over REST.\n\n");
        md.append("Reproduce: `").append(command).append("`  \n");
        md.append("Measured on: ").append(environment).append("\n\n");

        ArmSummary baseline = PaperClaims.find(summaries, Rule.BASELINE, 1).orElseThrow();
        md.append("## Setup\n\n");
        md.append(String.format(Locale.ROOT, """
                - model `%s`, dataset `%s` (N = %,d training images)
                - n = %d images per device at every kn (batch normalisation sees the same batch), k = kn/n devices
                - baseline: kn = %d at eta = %s; every other setting is a multiple of it, eta from the rule named
                - %d epochs, eta divided by 10 at 1/3, 2/3 and 8/9 of them (the paper's 30/60/80 of 90); momentum 0.9, \
                weight decay 1e-4 (not on BN parameters or biases); gradual warmup from the baseline's eta over the \
                recipe's 5/90 of the run (%s epochs)
                - seeds: %s; a seed is the same in every setting (initial weights, shuffle, augmentation)
                """, study.model(), study.dataset(), study.datasetSize(), study.perGpuBatch(), study.baselineKn(),
                trim(study.baselineLr()), study.epochs(), trim(baseline.first().warmupEpochs()), seeds(study,
                        summaries)));

        md.append("\n## The regime\n\n");
        md.append(String.format(Locale.ROOT, "The paper kept its ImageNet accuracy up to kn = 8k, kn/N = 1/156 (156"
                + " iterations per epoch, 14,040 in all) and lost it from 16k (1/78). Here the claim is tested at"
                + " kn/N = %s (%d iterations per epoch, %d in all).%n%n", study.fractionLabel(study.claimMultiple()),
                study.iterationsPerEpoch(study.claimMultiple()),
                study.iterationsPerEpoch(study.claimMultiple()) * study.epochs()));

        md.append("## Figure 1: final error against kn\n\n");
        md.append("| kn | multiple | kn/N | iterations per epoch | eta | seeds | top-1 val error (%) | vs baseline"
                + " (points) |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ArmSummary summary : summaries) {
            Rule rule = summary.arm().rule();
            if (rule == Rule.BASELINE || rule == Rule.LINEAR_GRADUAL_WARMUP) {
                md.append(String.format(Locale.ROOT, "| %d | %dx | %s | %d | %s | %d | %s | %+.1f |%n",
                        summary.arm().kn(), summary.arm().multiple(), study.fractionLabel(summary.arm().multiple()),
                        summary.first().itersPerEpoch(), trim(summary.first().peakLr()), summary.runs().size(),
                        errorCell(summary), 100 * (summary.mean() - baseline.mean())));
            }
        }
        md.append("\n").append(PaperClaims.limit(study, summaries)).append(".\n\n");
        md.append("![final validation error against kn](scaling.png)\n");

        md.append(String.format(Locale.ROOT, "%n## Table 2c: the rules at kn = %d (%dx, kn/N = %s)%n%n",
                study.baselineKn() * ablationMultiple, ablationMultiple, study.fractionLabel(ablationMultiple)));
        md.append("| setting | eta | warmup | seeds | top-1 val error (%) | min – max (%) | vs baseline (points) |\n"
                + "|---|---:|---|---:|---:|---:|---:|\n");
        for (ArmSummary summary : summaries) {
            if (summary.arm().rule() == Rule.BASELINE || summary.arm().multiple() == ablationMultiple) {
                RunResult run = summary.first();
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s – %s | %+.1f |%n",
                        summary.arm().label(), trim(run.peakLr()), warmup(summary), summary.runs().size(),
                        errorCell(summary), ScalingReport.format(summary.min()), ScalingReport.format(summary.max()),
                        100 * (summary.mean() - baseline.mean())));
            }
        }

        md.append("\n## The paper's claims at this scale\n\n");
        for (PaperClaims.Claim claim : claims) {
            md.append("- **").append(claim.holds() ? "PASS" : "FAIL").append("** ").append(claim.statement())
                    .append(": ").append(claim.evidence())
                    .append(claim.reason().isEmpty() ? "" : ". Why: " + claim.reason()).append('\n');
        }
        md.append("\n\"Within 1 point\" compares means over seeds (± is the standard deviation over seeds).\n");

        md.append("\n## Figure 2: training error against epochs\n\n");
        for (String file : curveFiles) {
            md.append("![").append(file).append("](").append(file).append(")\n\n");
        }

        md.append("## Speed\n\n| setting | k (nodes) | training images/s (median iteration) | minutes per run |\n"
                + "|---|---:|---:|---:|\n");
        for (ArmSummary summary : summaries) {
            md.append(String.format(Locale.ROOT, "| %s | %d (%d) | %.0f | %.1f |%n", summary.arm().label(),
                    summary.first().k(), summary.first().nodes(), summary.imagesPerSecond(),
                    summary.runs().stream().mapToDouble(RunResult::seconds).average().orElseThrow() / 60));
        }

        md.append("\n## Every run\n\n| job | setting | kn | seed | validation error after each epoch (%) | minutes |\n"
                + "|---:|---|---:|---:|---|---:|\n");
        for (ArmSummary summary : summaries) {
            for (RunResult run : summary.runs()) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %s | %.1f |%n", run.jobId(),
                        summary.arm().rule().label, summary.arm().kn(), run.seed(), run.validationErrors().stream()
                                .map(ScalingReport::format).collect(Collectors.joining(" ")), run.seconds() / 60));
            }
        }
        return md.toString();
    }

    private static String seeds(ScalingStudy study, List<ArmSummary> summaries) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s for the baseline and %dx",
                range(study.seeds()), study.claimMultiple()));
        if (summaries.stream().anyMatch(s -> s.arm().multiple() > study.claimMultiple())) {
            text.append(", 1 for the sweep");
        }
        if (summaries.stream().anyMatch(s -> s.arm().rule() != Rule.BASELINE
                && s.arm().rule() != Rule.LINEAR_GRADUAL_WARMUP)) {
            text.append(", ").append(range(study.ablationSeeds())).append(" for the ablations");
        }
        return text.toString();
    }

    private static String range(int seeds) {
        return seeds == 1 ? "1" : "1.." + seeds;
    }

    private static String errorCell(ArmSummary summary) {
        return summary.runs().size() == 1 ? ScalingReport.format(summary.mean())
                : ScalingReport.format(summary.mean()) + " ± " + ScalingReport.format(summary.spread());
    }

    private static String warmup(ArmSummary summary) {
        RunResult run = summary.first();
        return switch (summary.arm().rule().warmup) {
            case "NONE" -> "none";
            case "CONSTANT" -> "constant " + trim(run.warmupStartLr()) + " for " + trim(run.warmupEpochs()) + " ep";
            default -> run.warmupStartLr() == run.peakLr() ? "none needed (eta = baseline's)"
                    : "gradual from " + trim(run.warmupStartLr()) + " over " + trim(run.warmupEpochs()) + " ep";
        };
    }

    static String trim(double value) {
        return String.format(Locale.ROOT, "%.4g", value).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
