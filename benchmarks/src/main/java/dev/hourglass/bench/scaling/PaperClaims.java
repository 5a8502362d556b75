package dev.hourglass.bench.scaling;

import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The paper's claims checked against a study's results, at this scale: linear scaling with gradual warmup stays
 * within 1 point of the baseline's validation error at every multiple; with no scaling the error is clearly worse
 * (by more than 1 point, every seed worse than every seed of linear scaling at that minibatch); without warmup the
 * training error early in training is higher than with gradual warmup.
 */
final class PaperClaims {

    static final double TOLERANCE = 0.01;

    record Claim(String statement, boolean holds, String evidence) {

        String line() {
            return (holds ? "PASS" : "FAIL") + "  " + statement + ": " + evidence;
        }
    }

    private PaperClaims() {
    }

    /** The first {@code earlyEpochs} epochs are "early in training". */
    static double earlyEpochs(ScalingStudy study) {
        return Math.max(2 * study.warmupEpochs(), study.epochs() / 4.0);
    }

    static List<Claim> check(ScalingStudy study, List<ArmSummary> summaries) {
        List<Claim> claims = new ArrayList<>();
        ArmSummary baseline = find(summaries, Rule.BASELINE, 1).orElseThrow(() ->
                new IllegalStateException("the baseline has no finished run"));
        for (int multiple : study.multiples()) {
            find(summaries, Rule.LINEAR_GRADUAL_WARMUP, multiple).ifPresent(linear -> {
                double gap = linear.mean() - baseline.mean();
                claims.add(new Claim(String.format(Locale.ROOT,
                        "linear scaling + gradual warmup at %dx (kn=%d) is within 1 point of the baseline",
                        multiple, linear.arm().kn()), gap <= TOLERANCE, String.format(Locale.ROOT,
                        "%s against %s, %+.1f points", error(linear), error(baseline), 100 * gap)));
            });
        }
        int largest = study.largestMultiple();
        Optional<ArmSummary> linearLargest = find(summaries, Rule.LINEAR_GRADUAL_WARMUP, largest);
        Optional<ArmSummary> unscaled = find(summaries, Rule.NO_SCALING, largest);
        if (linearLargest.isPresent() && unscaled.isPresent()) {
            ArmSummary linear = linearLargest.get();
            ArmSummary none = unscaled.get();
            double gap = none.mean() - linear.mean();
            boolean clearly = gap > TOLERANCE && none.min() > linear.max();
            claims.add(new Claim(String.format(Locale.ROOT, "with no scaling of eta, kn=%d is clearly worse",
                    none.arm().kn()), clearly, String.format(Locale.ROOT,
                    "%s against %s with linear scaling, %+.1f points; best no-scaling seed %.1f%%, worst linear seed"
                            + " %.1f%%", error(none), error(linear), 100 * gap, 100 * none.min(), 100 * linear.max())));
        }
        Optional<ArmSummary> noWarmup = find(summaries, Rule.LINEAR_NO_WARMUP, largest);
        if (linearLargest.isPresent() && noWarmup.isPresent()) {
            double early = earlyEpochs(study);
            double withWarmup = linearLargest.get().earlyTrainingError(early);
            double without = noWarmup.get().earlyTrainingError(early);
            claims.add(new Claim(String.format(Locale.ROOT,
                    "with no warmup, kn=%d trains worse early (first %s epochs)", noWarmup.get().arm().kn(),
                    trim(early)), without > withWarmup, String.format(Locale.ROOT,
                    "mean training error %.1f%% without warmup against %.1f%% with gradual warmup", 100 * without,
                    100 * withWarmup)));
        }
        return claims;
    }

    static Optional<ArmSummary> find(List<ArmSummary> summaries, Rule rule, int multiple) {
        return summaries.stream().filter(s -> s.arm().rule() == rule && s.arm().multiple() == multiple).findFirst();
    }

    private static String error(ArmSummary summary) {
        return summary.runs().size() == 1 ? String.format(Locale.ROOT, "%.1f%%", 100 * summary.mean())
                : String.format(Locale.ROOT, "%.1f%% ± %.1f", 100 * summary.mean(), 100 * summary.spread());
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
