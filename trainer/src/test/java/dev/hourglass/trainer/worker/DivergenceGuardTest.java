package dev.hourglass.trainer.worker;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When a run counts as diverged: a loss that is not a number at once, or one that stays far above its level. */
class DivergenceGuardTest {

    private static void feed(DivergenceGuard guard, double... losses) {
        for (int i = 0; i < losses.length; i++) {
            guard.check(i + 1, losses[i], 0.8);
        }
    }

    @Test
    void aNaNOrInfiniteLossStopsTheRunAtOnceNamingTheIterationAndTheRate() {
        DivergenceGuard guard = new DivergenceGuard();
        feed(guard, 2.8, 2.7);

        assertThatThrownBy(() -> guard.check(3, Double.NaN, 3.2))
                .isInstanceOf(DivergenceGuard.TrainingDiverged.class)
                .hasMessageContaining("the training loss became NaN at iteration 3 (learning rate 3.200)")
                .hasMessageContaining("a smaller learning rate or a longer warmup");
        assertThatThrownBy(() -> new DivergenceGuard().check(1, Double.POSITIVE_INFINITY, 0.1))
                .hasMessageContaining("became Infinity at iteration 1");
    }

    @Test
    void aLossThatStaysFarAboveItsLevelForThreeIterationsStopsTheRun() {
        DivergenceGuard guard = new DivergenceGuard();
        feed(guard, 2.8, 2.0, 1.5, 1.2, 1.0, 0.9);
        guard.check(7, 40, 0.8);
        guard.check(8, 300, 0.8);

        assertThatThrownBy(() -> guard.check(9, 2_000, 0.8))
                .isInstanceOf(DivergenceGuard.TrainingDiverged.class)
                .hasMessageContaining("rose to 2000 at iteration 9 (learning rate 0.8000)")
                .hasMessageContaining("for 3 iterations in a row");
    }

    @Test
    void spikesThatRecoverAndTheNoiseOfAConvergedRunAreNotDivergence() {
        DivergenceGuard guard = new DivergenceGuard();

        assertThatCode(() -> {
            feed(guard, 2.8, 2.6, 2.9, 2.4, 2.0);
            // far above the level but for two iterations only, then back
            guard.check(6, 30, 0.8);
            guard.check(7, 25, 0.8);
            guard.check(8, 1.9, 0.8);
            // a converged run: tenfold relative jumps of a tiny loss, still below where the run started
            for (int i = 0; i < 50; i++) {
                guard.check(9 + i, i % 5 == 0 ? 0.5 : 0.03, 0.008);
            }
        }).doesNotThrowAnyException();
    }
}
