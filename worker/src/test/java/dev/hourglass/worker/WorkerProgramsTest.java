package dev.hourglass.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hourglass.protocol.DeviceKind;
import dev.hourglass.protocol.WorkerPrograms;
import org.junit.jupiter.api.Test;

/** The names agents start the trainer's programs by are the trainer's classes. */
class WorkerProgramsTest {

    @Test
    void theProgramsAgentsStartAreTheseClasses() {
        assertThat(WorkerPrograms.WORKER).isEqualTo(WorkerMain.class.getName());
        assertThat(WorkerPrograms.PREPARE_DATASET).isEqualTo(PrepareDatasetMain.class.getName());
    }

    @Test
    void theDefaultBuildCarriesTheCpuBackendTheAgentLooksFor() throws ClassNotFoundException {
        assertThat(Class.forName(WorkerPrograms.backendClass(DeviceKind.CPU), false, getClass().getClassLoader()))
                .isNotNull();
    }
}
