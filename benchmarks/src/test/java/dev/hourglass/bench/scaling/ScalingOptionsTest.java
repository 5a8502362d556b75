package dev.hourglass.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.bench.BenchmarkRun;
import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which ablations a run of the study trains, and where, from its options. */
class ScalingOptionsTest {

    private static StudyRun.Ablations ablations(boolean quick, Map<String, String> options) {
        return ScalingBenchmark.ablations(new BenchmarkRun(quick, Path.of("out"), options));
    }

    @Test
    void theDefaultRunTrainsEveryAblationWhereAccuracyLastHeldAndQuickNone() {
        assertThat(ablations(false, Map.of())).isEqualTo(StudyRun.Ablations.ALL);
        assertThat(ablations(false, Map.of()).multiple()).isEmpty();
        assertThat(ablations(true, Map.of()).rules()).isEmpty();
    }

    @Test
    void chosenAblationsRunAtAChosenMultipleEvenInAQuickRun() {
        StudyRun.Ablations chosen = ablations(true, Map.of("ablations", "no-warmup, sqrt", "ablations-at", "16"));

        assertThat(chosen.rules()).containsExactlyInAnyOrder(Rule.LINEAR_NO_WARMUP, Rule.SQRT_SCALING);
        assertThat(chosen.multiple()).hasValue(16);
    }

    @Test
    void ablationsTakeTheirOwnNumberOfSeedsWhichFewerStudySeedsLower() {
        assertThat(ScalingBenchmark.study(new BenchmarkRun(false, Path.of("out"), Map.of())).ablationSeeds()).isEqualTo(1);
        assertThat(ScalingBenchmark.study(new BenchmarkRun(false, Path.of("out"), Map.of("ablation-seeds", "3")))
                .ablationSeeds()).isEqualTo(3);
        assertThat(ScalingBenchmark.study(new BenchmarkRun(false, Path.of("out"),
                Map.of("seeds", "2", "ablation-seeds", "2"))).ablationSeeds()).isEqualTo(2);
    }

    @Test
    void anUnknownAblationIsRefusedWithTheNamesThatExist() {
        assertThatThrownBy(() -> ablations(false, Map.of("ablations", "no-momentum")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-scaling, sqrt, no-warmup, constant-warmup");
    }
}
