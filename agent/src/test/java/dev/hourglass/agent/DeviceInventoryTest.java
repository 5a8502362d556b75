package dev.hourglass.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.protocol.DeviceKind;
import org.junit.jupiter.api.Test;

class DeviceInventoryTest {

    @Test
    void eightGpusAreCountedWithTheirModelAndMemory() {
        String smi = "NVIDIA H200, 143771\n".repeat(8);

        DeviceInventory gpus = DeviceInventory.fromNvidiaSmi(smi).orElseThrow();

        assertThat(gpus).isEqualTo(new DeviceInventory(8, "NVIDIA H200", 143771, DeviceKind.GPU));
        assertThat(gpus.describe()).isEqualTo("8 GPU(s), NVIDIA H200 with 143771 MiB each");
    }

    @Test
    void aNodeOffersAtMostEightGpusAndTheSmallestMemoryOfThose() {
        String smi = "Tesla V100-SXM2-32GB, 32510\nTesla V100-SXM2-16GB, 16160\n" + "Tesla V100-SXM2-32GB, 32510\n".repeat(6)
                + "Tesla T4, 15360\n".repeat(2);

        DeviceInventory gpus = DeviceInventory.fromNvidiaSmi(smi).orElseThrow();

        assertThat(gpus.count()).isEqualTo(8);
        assertThat(gpus.model()).isEqualTo("Tesla V100-SXM2-32GB");
        assertThat(gpus.memoryMib()).isEqualTo(16160);
    }

    @Test
    void aModelNameWithCommasKeepsThemAndNoOutputMeansNoGpus() {
        assertThat(DeviceInventory.fromNvidiaSmi("NVIDIA A100, SXM4, 81920\n").orElseThrow().model())
                .isEqualTo("NVIDIA A100, SXM4");
        assertThat(DeviceInventory.fromNvidiaSmi("\n")).isEmpty();
    }

    @Test
    void outputThatIsNotNameAndMemoryIsAnErrorNotZeroGpus() {
        assertThatThrownBy(() -> DeviceInventory.fromNvidiaSmi("NVIDIA H200, [N/A]\n"))
                .hasMessageContaining("nvidia-smi printed 'NVIDIA H200, [N/A]'")
                .hasMessageContaining("'name, memory in MiB' was expected");
    }

    @Test
    void cpuDevicesHaveNoMemoryAndAreOneToEight() {
        assertThat(DeviceInventory.cpu(8)).isEqualTo(new DeviceInventory(8, "cpu-thread", null, DeviceKind.CPU));
        assertThatThrownBy(() -> DeviceInventory.cpu(9)).hasMessageContaining("--cpu-devices 9 must be between 1 and 8");
    }
}
