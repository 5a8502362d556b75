package dev.hourglass.trainer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class Nd4jCpuRuntimeTest {

    @Test
    void picksTheOneDnnBuildForTheWidestVectorUnitTheCpuHas() {
        assertThat(Nd4jCpuRuntime.extensionFor(Set.of("sse4_2", "avx2", "avx512f", "avx512bw", "avx512vl")))
                .isEqualTo("-onednn-avx512");
        assertThat(Nd4jCpuRuntime.extensionFor(Set.of("sse4_2", "avx2", "avx512f"))).isEqualTo("-onednn-avx2");
        assertThat(Nd4jCpuRuntime.extensionFor(Set.of("sse4_2"))).isEmpty();
    }

    @Test
    void turnsOnDl4jsOneDnnHelpers() {
        Nd4jCpuRuntime.configure();
        assertThat(Nd4jCpuRuntime.describe()).contains("oneDNN helpers on");
    }
}
