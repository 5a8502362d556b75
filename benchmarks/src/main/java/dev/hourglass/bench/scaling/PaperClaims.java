package dev.hourglass.bench.scaling;

import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import dev.hourglass.recipe.PaperRegime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The paper's claims checked against a study's results, computed from the runs: linear scaling with gradual warmup
 * at the claim's multiple (8x) stays within 1 point of the baseline's final validation error (means over seeds); with
 * no scaling the error is clearly worse (by more than 1 point, every seed worse than every seed of linear scaling at
 * that minibatch); without warmup the training error over the first part of training is higher than with gradual
 * warmup by more than the seeds' spread (the larger of the two settings' spreads and that of linear scaling at the
 * claim's multiple, where every seed runs; at least the 1-point tolerance). Besides the claims, the largest kn/N that stays within 1 point (Figure 1).
 */
final class PaperClaims {

    static final double TOLERANCE = 0.01;

    /** @param reason why it failed, in the results' own numbers; empty when it holds */
    record Claim(String statement, boolean holds, String evidence, String reason) {

        static Claim of(String statement, boolean holds, String evidence, String reasonIfFailed) {
            return new Claim(statement, holds, evidence, holds ? "" : reasonIfFailed);
        }

        String line() {
            return (holds ? "PASS" : "FAIL") + "  " + statement + ": " + evidence
                    + (reason.isEmpty() ? "" : ". Why: " + reason);
        }
    }

    private PaperClaims() {
    }

    /** The first part of training, where warmup matters: a quarter of the run (the paper's Figure 2 inset). */
    static double earlyEpochs(ScalingStudy study) {
        return study.epochs() / 4.0;
    }

    /** Whether linear scaling with gradual warmup at {@code multiple} is within 1 point of the baseline. */
    static boolean holds(List<ArmSummary> summaries, int multiple) {
        Optional<ArmSummary> baseline = find(summaries, Rule.BASELINE, 1);
        Optional<ArmSummary> linear = find(summaries, Rule.LINEAR_GRADUAL_WARMUP, multiple);
        return baseline.isPresent() && linear.isPresent() && linear.get().mean() - baseline.get().mean() <= TOLERANCE;
    }

    /**
     * The largest multiple up to which linear scaling with gradual warmup holds at every multiple trained (from the
     * claim's upwards); empty when it misses already at the claim's.
     */
    static OptionalInt largestHoldingMultiple(ScalingStudy study, List<ArmSummary> summaries) {
        OptionalInt largest = OptionalInt.empty();
        for (int multiple : study.multiples()) {
            if (find(summaries, Rule.LINEAR_GRADUAL_WARMUP, multiple).isEmpty()) {
                break;
            }
            if (!holds(summaries, multiple)) {
                break;
            }
            largest = OptionalInt.of(multiple);
        }
        return largest;
    }

    static List<Claim> check(ScalingStudy study, List<ArmSummary> summaries, int ablationMultiple) {
        List<Claim> claims = new ArrayList<>();
        ArmSummary baseline = find(summaries, Rule.BASELINE, 1).orElseThrow(() ->
                new IllegalStateException("the baseline has no finished run"));
        find(summaries, Rule.LINEAR_GRADUAL_WARMUP, study.claimMultiple()).ifPresent(linear -> {
            double gap = linear.mean() - baseline.mean();
            double seedSpread = Math.max(linear.spread(), baseline.spread());
            claims.add(Claim.of(String.format(Locale.ROOT,
                    "linear scaling + gradual warmup at %dx (kn=%d, kn/N = %s) is within 1 point of the baseline",
                    study.claimMultiple(), linear.arm().kn(), study.fractionLabel(study.claimMultiple())),
                    gap <= TOLERANCE, String.format(Locale.ROOT, "%s against %s, %+.1f points (mean of %d and %d"
                                    + " seeds)", error(linear), error(baseline), 100 * gap, linear.runs().size(),
                            baseline.runs().size()),
                    String.format(Locale.ROOT, "the large minibatch ends %.1f points worse, beyond the 1-point"
                                    + " tolerance; %s", 100 * gap, gap <= seedSpread
                                    ? String.format(Locale.ROOT, "the seeds themselves differ by up to %.1f, so more"
                                    + " seeds may close it", 100 * seedSpread)
                                    : String.format(Locale.ROOT, "more than the seeds' spread of %.1f",
                                    100 * seedSpread))));
        });
        Optional<ArmSummary> linearThere = find(summaries, Rule.LINEAR_GRADUAL_WARMUP, ablationMultiple);
        Optional<ArmSummary> unscaled = find(summaries, Rule.NO_SCALING, ablationMultiple);
        if (linearThere.isPresent() && unscaled.isPresent()) {
            ArmSummary linear = linearThere.get();
            ArmSummary none = unscaled.get();
            double gap = none.mean() - linear.mean();
            boolean clearly = gap > TOLERANCE && none.min() > linear.max();
            claims.add(Claim.of(String.format(Locale.ROOT, "with no scaling of eta, kn=%d is clearly worse",
                    none.arm().kn()), clearly, String.format(Locale.ROOT,
                    "%s against %s with linear scaling, %+.1f points; best no-scaling seed %.1f%%, worst linear seed"
                            + " %.1f%%", error(none), error(linear), 100 * gap, 100 * none.min(), 100 * linear.max()),
                    gap <= TOLERANCE
                            ? String.format(Locale.ROOT, "the baseline's eta = %s, unscaled, trains kn=%d within 1"
                            + " point of linear scaling's %s in %d epochs", trim(study.baselineLr()),
                            none.arm().kn(), trim(linear.first().peakLr()), study.epochs())
                            : "the settings' seeds overlap: a no-scaling seed did as well as a linear-scaling one"));
        }
        Optional<ArmSummary> noWarmup = find(summaries, Rule.LINEAR_NO_WARMUP, ablationMultiple);
        if (linearThere.isPresent() && noWarmup.isPresent()) {
            double early = earlyEpochs(study);
            ArmSummary warm = linearThere.get();
            ArmSummary cold = noWarmup.get();
            double gap = cold.earlyTrainingError(early) - warm.earlyTrainingError(early);
            // a setting of one seed has no spread of its own: the claim's linear arm, with every seed, gives one
            double spread = Math.max(cold.earlyTrainingErrorSpread(early), warm.earlyTrainingErrorSpread(early));
            spread = Math.max(spread, find(summaries, Rule.LINEAR_GRADUAL_WARMUP, study.claimMultiple())
                    .map(claim -> claim.earlyTrainingErrorSpread(early)).orElse(0.0));
            // with one seed a side there is no spread to measure: a difference under the tolerance is noise then
            spread = Math.max(spread, TOLERANCE);
            claims.add(Claim.of(String.format(Locale.ROOT,
                    "with no warmup, kn=%d trains worse over the first %s epochs than with gradual warmup, by more"
                            + " than the seeds' spread", cold.arm().kn(), trim(early)), gap > spread,
                    String.format(Locale.ROOT, "mean training error %.1f%% without warmup against %.1f%% with"
                                    + " gradual warmup, %+.1f points; the seeds' spread %.1f points",
                            100 * cold.earlyTrainingError(early), 100 * warm.earlyTrainingError(early), 100 * gap,
                            100 * spread),
                    String.format(Locale.ROOT, "starting at the full eta = %s did not hurt early training more than"
                                    + " a change of seed does: at this rate the network trains from its first"
                                    + " iteration about as well as with warmup, so warmup has little to repair (the"
                                    + " paper's no-warmup gap is at eta = 3.2, kn=8k)", trim(cold.first().peakLr()))));
        }
        return claims;
    }

    /** Figure 1's finding: the largest kn/N within 1 point of the baseline, and where the error rose. */
    static String limit(ScalingStudy study, List<ArmSummary> summaries) {
        OptionalInt largest = largestHoldingMultiple(study, summaries);
        String papers = "the paper: " + PaperRegime.fraction(PaperRegime.LARGEST_KN_PER_IMAGE_THAT_HOLDS)
                + " (8k on ImageNet), lost from " + PaperRegime.fraction(PaperRegime.SMALLEST_KN_PER_IMAGE_THAT_LOST);
        if (largest.isEmpty()) {
            return "no multiple stayed within 1 point of the baseline, not even " + study.claimMultiple() + "x ("
                    + papers + ")";
        }
        int multiple = largest.getAsInt();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "the largest kn/N within 1 point of the"
                        + " baseline: %s (kn=%d, %dx the baseline, %d iterations per epoch)",
                study.fractionLabel(multiple), study.baselineKn() * multiple, multiple,
                study.iterationsPerEpoch(multiple)));
        study.multiples().stream().filter(m -> m > multiple)
                .filter(m -> find(summaries, Rule.LINEAR_GRADUAL_WARMUP, m).isPresent()).findFirst()
                .ifPresentOrElse(next -> line.append(String.format(Locale.ROOT, "; at %s (kn=%d) the error was %+.1f"
                                + " points", study.fractionLabel(next), study.baselineKn() * next,
                        100 * gapToBaseline(summaries, next))),
                        () -> line.append("; the sweep ended before accuracy broke"));
        return line.append(" (").append(papers).append(')').toString();
    }

    static double gapToBaseline(List<ArmSummary> summaries, int multiple) {
        return find(summaries, Rule.LINEAR_GRADUAL_WARMUP, multiple).orElseThrow().mean()
                - find(summaries, Rule.BASELINE, 1).orElseThrow().mean();
    }

    static Optional<ArmSummary> find(List<ArmSummary> summaries, Rule rule, int multiple) {
        return summaries.stream().filter(s -> s.arm().rule() == rule && s.arm().multiple() == multiple).findFirst();
    }

    static String error(ArmSummary summary) {
        return summary.runs().size() == 1 ? String.format(Locale.ROOT, "%.1f%%", 100 * summary.mean())
                : String.format(Locale.ROOT, "%.1f%% ± %.1f", 100 * summary.mean(), 100 * summary.spread());
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
