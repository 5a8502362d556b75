package dev.hourglass.trainer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.protocol.DeviceKind;
import org.junit.jupiter.api.Test;

/** In the default (CPU) build, which these tests run in. */
class ComputeDevicesTest {

    @Test
    void theDefaultBuildCarriesTheCpuBackendOnly() {
        assertThat(ComputeDevices.supports(DeviceKind.CPU)).isTrue();
        assertThat(ComputeDevices.supports(DeviceKind.GPU)).isFalse();
    }

    @Test
    void gpuDevicesInTheCpuBuildAskForTheCudaBuildBeforeNd4jLoads() {
        assertThatThrownBy(() -> ComputeDevices.configure(DeviceKind.GPU))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("build the trainer with -Pcuda");
    }

    @Test
    void cpuDevicesRunOnTheOneDnnBuildWithTheCoresSharedAmongTheHostsReplicas() {
        ComputeDevices cpu = ComputeDevices.configure(DeviceKind.CPU);

        cpu.enterReplicaThread(0, 2);

        assertThat(cpu.describe()).contains("CpuBackend").contains("oneDNN helpers on");
    }
}
