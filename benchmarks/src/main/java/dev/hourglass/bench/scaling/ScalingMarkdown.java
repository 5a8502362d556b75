package dev.hourglass.bench.scaling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The study written up as a Markdown page beside its charts: setup, the table, the claims, the curves, every run. */
final class ScalingMarkdown {

    static final String FILE = "scaling.md";

    private ScalingMarkdown() {
    }

    static Path write(Path dir, ScalingStudy study, List<ArmSummary> summaries, List<PaperClaims.Claim> claims,
                      List<String> curveFiles, String environment, String command) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Minibatch scaling at small scale\n\n");
        md.append("The paper's learning-rate experiment (Goyal et al., Table 2c and Figure 2) on this machine, through"
                + " the real platform: every run is a job submitted to the control plane's REST API, gang-scheduled"
                + " on local trainer agents (8 CPU devices each) and trained by their workers under `mpirun` with"
                + " hierarchical allreduce; its metrics are read back over REST.\n\n");
        md.append("Reproduce: `").append(command).append("`  \n");
        md.append("Measured on: ").append(environment).append("\n\n");

        md.append("## Setup\n\n");
        md.append(String.format(Locale.ROOT, """
                - model `%s`, dataset `%s`%s
                - n = %d images per device throughout (batch normalisation sees the same batch at every kn)
                - baseline: kn = %d at eta = %s; the large minibatches are %s times that
                - %d epochs, eta divided by 10 at 1/3, 2/3 and 8/9 of them (the paper's 30/60/80 of 90); momentum 0.9, \
                weight decay 1e-4 (not on BN parameters or biases)
                - gradual warmup over %s epoch(s) from the baseline's eta, where a setting warms up
                - %d seed(s) per setting (each job's seed is its id)
                """, study.model(), study.dataset(), study.datasetSize() == null ? " (4,096 training and 1,024"
                        + " validation images of 8 classes, 32x32)" : " (" + study.datasetSize() + " training images)",
                study.perGpuBatch(), study.baselineKn(), trim(study.baselineLr()),
                study.multiples().stream().map(m -> m + "x").collect(Collectors.joining(", ")), study.epochs(),
                PaperClaims.trim(study.warmupEpochs()), study.seeds()));

        md.append("\n## Final validation error\n\n");
        md.append("| setting | kn | k (nodes) | eta | warmup | top-1 val error, mean ± std (%) | min – max (%) |"
                + " vs baseline (points) |\n|---|---:|---:|---:|---|---:|---:|---:|\n");
        double baseline = summaries.get(0).mean();
        for (ArmSummary summary : summaries) {
            RunResult run = summary.first();
            String warmup = run.warmupEpochs() == 0 || run.warmupStartLr() == run.peakLr() ? "none"
                    : "gradual from " + trim(run.warmupStartLr()) + " over " + PaperClaims.trim(run.warmupEpochs())
                    + " ep";
            md.append(String.format(Locale.ROOT, "| %s | %d | %d (%d) | %s | %s | %s ± %s | %s – %s | %+.1f |%n",
                    summary.arm().rule().label, summary.arm().kn(), run.k(), run.nodes(), trim(run.peakLr()), warmup,
                    ScalingReport.format(summary.mean()), ScalingReport.format(summary.spread()),
                    ScalingReport.format(summary.min()), ScalingReport.format(summary.max()),
                    100 * (summary.mean() - baseline)));
        }

        md.append("\n## The paper's claims at this scale\n\n");
        for (PaperClaims.Claim claim : claims) {
            md.append("- **").append(claim.holds() ? "PASS" : "FAIL").append("** ").append(claim.statement())
                    .append(": ").append(claim.evidence()).append('\n');
        }
        md.append(String.format(Locale.ROOT, "%n\"Within 1 point\" compares means over seeds; \"early\" is the first"
                + " %s epochs.%n", PaperClaims.trim(PaperClaims.earlyEpochs(study))));

        md.append("\n## Training error against epochs\n\n");
        for (String file : curveFiles) {
            md.append("![").append(file).append("](").append(file).append(")\n\n");
        }
        md.append("![final validation error against kn](scaling.png)\n");

        md.append("\n## Every run\n\n| job | setting | kn | seed | validation error after each epoch (%) | minutes |\n"
                + "|---:|---|---:|---:|---|---:|\n");
        for (ArmSummary summary : summaries) {
            for (RunResult run : summary.runs()) {
                md.append(String.format(Locale.ROOT, "| %d | %s | %d | %d | %s | %.1f |%n", run.jobId(),
                        summary.arm().rule().label, summary.arm().kn(), run.seed(), run.validationErrors().stream()
                                .map(ScalingReport::format).collect(Collectors.joining(" ")), run.seconds() / 60));
            }
        }
        Path file = dir.resolve(FILE);
        Files.writeString(file, md);
        return file;
    }

    private static String trim(double value) {
        return String.format(Locale.ROOT, "%.6g", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
