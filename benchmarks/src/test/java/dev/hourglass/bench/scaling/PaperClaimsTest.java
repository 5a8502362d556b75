package dev.hourglass.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.bench.scaling.ScalingStudy.Arm;
import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaperClaimsTest {

    private static final ScalingStudy STUDY = ScalingStudy.standard().withEpochs(8).withWarmupEpochs(1.0);

    @Test
    void theStudyHasThePapersRowsAndNeedsNodesForItsLargestMinibatch() {
        assertThat(STUDY.arms()).extracting(Arm::label).containsExactly("baseline kn=8",
                "linear + gradual warmup kn=64", "linear + gradual warmup kn=128", "linear + gradual warmup kn=256",
                "no scaling kn=256", "sqrt(k) scaling kn=256", "linear, no warmup kn=256");
        assertThat(STUDY.largestK()).isEqualTo(32);
        assertThat(STUDY.nodesNeeded()).isEqualTo(4);
    }

    @Test
    void claimsHoldWhenLinearScalingMatchesTheBaselineAndTheAblationsDoWorse() {
        List<RunResult> results = new ArrayList<>();
        results.addAll(runs(Rule.BASELINE, 1, 0.200, 0.210, 0.205));
        results.addAll(runs(Rule.LINEAR_GRADUAL_WARMUP, 8, 0.205, 0.200, 0.215));
        results.addAll(runs(Rule.LINEAR_GRADUAL_WARMUP, 16, 0.210, 0.212, 0.208));
        results.addAll(runs(Rule.LINEAR_GRADUAL_WARMUP, 32, 0.212, 0.214, 0.213));
        results.addAll(runs(Rule.NO_SCALING, 32, 0.400, 0.420, 0.390));
        results.addAll(runs(Rule.SQRT_SCALING, 32, 0.300, 0.310, 0.290));
        results.addAll(runs(Rule.LINEAR_NO_WARMUP, 32, 0.230, 0.220, 0.225));

        List<PaperClaims.Claim> claims = PaperClaims.check(STUDY, ArmSummary.of(STUDY, results));

        assertThat(claims).hasSize(5).allMatch(PaperClaims.Claim::holds);
        assertThat(claims.get(2).line()).isEqualTo("PASS  linear scaling + gradual warmup at 32x (kn=256) is within 1"
                + " point of the baseline: 21.3% ± 0.1 against 20.5% ± 0.5, +0.8 points");
    }

    @Test
    void aGapOfMoreThanOnePointOrOverlappingSeedsFailTheirClaims() {
        List<RunResult> results = new ArrayList<>();
        results.addAll(runs(Rule.BASELINE, 1, 0.200, 0.200, 0.200));
        results.addAll(runs(Rule.LINEAR_GRADUAL_WARMUP, 32, 0.220, 0.230, 0.210));
        // a mean 3 points worse, but one no-scaling seed beats the worst linear one: not "clearly" worse
        results.addAll(runs(Rule.NO_SCALING, 32, 0.225, 0.260, 0.265));

        List<PaperClaims.Claim> claims = PaperClaims.check(STUDY, ArmSummary.of(STUDY, results));

        assertThat(claims).extracting(PaperClaims.Claim::holds).containsExactly(false, false);
        assertThat(claims.get(0).evidence()).isEqualTo("22.0% ± 1.0 against 20.0% ± 0.0, +2.0 points");
        assertThat(claims.get(1).evidence()).contains("best no-scaling seed 22.5%, worst linear seed 23.0%");
    }

    @Test
    void noWarmupIsJudgedOnTheTrainingErrorOfTheFirstEpochs() {
        // first 2 epochs (2 x warmup, and a quarter of 8): 0.9 without warmup against 0.6 with it; later equal
        RunResult warm = run(Rule.LINEAR_GRADUAL_WARMUP, 32, 1, 0.2, List.of(0.6, 0.6, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3));
        RunResult cold = run(Rule.LINEAR_NO_WARMUP, 32, 1, 0.2, List.of(0.9, 0.9, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3));
        RunResult baseline = run(Rule.BASELINE, 1, 1, 0.2, List.of(0.5, 0.5, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3));

        List<PaperClaims.Claim> claims = PaperClaims.check(STUDY, ArmSummary.of(STUDY, List.of(baseline, warm, cold)));

        PaperClaims.Claim noWarmup = claims.get(claims.size() - 1);
        assertThat(noWarmup.statement()).isEqualTo("with no warmup, kn=256 trains worse early (first 2 epochs)");
        assertThat(noWarmup.holds()).isTrue();
        assertThat(noWarmup.evidence()).isEqualTo(
                "mean training error 90.0% without warmup against 60.0% with gradual warmup");
        assertThat(warm.trainingErrorCurve(1)).containsExactly(0.6, 0.6, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3);
    }

    private static List<RunResult> runs(Rule rule, int multiple, double... finalErrors) {
        List<RunResult> runs = new ArrayList<>();
        for (int seed = 1; seed <= finalErrors.length; seed++) {
            List<Double> curve = rule == Rule.LINEAR_NO_WARMUP ? List.of(0.7, 0.6, 0.3) : List.of(0.5, 0.4, 0.3);
            runs.add(run(rule, multiple, seed, finalErrors[seed - 1], curve));
        }
        return runs;
    }

    /** A run of 2 iterations per epoch whose training error is {@code perEpoch[e]} in epoch e. */
    static RunResult run(Rule rule, int multiple, int seed, double finalError, List<Double> perEpoch) {
        List<RunResult.Point> training = new ArrayList<>();
        for (int epoch = 0; epoch < perEpoch.size(); epoch++) {
            training.add(new RunResult.Point(2L * epoch, perEpoch.get(epoch)));
            training.add(new RunResult.Point(2L * epoch + 1, perEpoch.get(epoch)));
        }
        int kn = STUDY.baselineKn() * multiple;
        return new RunResult(new Arm(rule, multiple, kn), seed, 100 + seed, 0.025 * multiple, 0.025, 1.0,
                kn / 8, Math.max(1, kn / 64), 2, List.of(0.6, finalError), training, 60);
    }
}
