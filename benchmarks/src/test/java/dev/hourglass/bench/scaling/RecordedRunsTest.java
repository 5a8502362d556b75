package dev.hourglass.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.bench.scaling.ScalingStudy.Arm;
import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordedRunsTest {

    @TempDir
    Path dir;

    @Test
    void aStoppedStudyGoesOnWithTheRunsItRecorded() throws Exception {
        RunResult baseline = PaperClaimsTest.runs(Rule.BASELINE, 1, 0.25).get(0);
        RunResult linear = PaperClaimsTest.runs(Rule.LINEAR_GRADUAL_WARMUP, 8, 0.26).get(0);
        RecordedRuns first = RecordedRuns.open(dir.resolve("first").resolve(RecordedRuns.FILE), null);
        first.add(baseline);
        first.add(linear);

        RecordedRuns resumed = RecordedRuns.open(dir.resolve(RecordedRuns.FILE),
                dir.resolve("first").resolve(RecordedRuns.FILE));

        assertThat(resumed.find(baseline.arm(), 1, 2)).contains(baseline);
        assertThat(resumed.find(linear.arm(), 1, 2)).contains(linear);
        assertThat(resumed.find(linear.arm(), 2, 2)).isEmpty();
        assertThat(resumed.find(new Arm(Rule.NO_SCALING, 8, 128), 1, 2)).isEmpty();
    }

    @Test
    void runsOfAStudyOfAnotherLengthAreRefused() throws Exception {
        RunResult twoEpochs = PaperClaimsTest.runs(Rule.BASELINE, 1, 0.25).get(0);
        RecordedRuns recorded = RecordedRuns.open(dir.resolve(RecordedRuns.FILE), null);
        recorded.add(twoEpochs);

        assertThatThrownBy(() -> recorded.find(twoEpochs.arm(), 1, 12)).hasMessageContaining("--resume")
                .hasMessageContaining("trained 2 epochs, this study 12");
    }

    @Test
    void resumingFromAFileThatIsNotThereSaysWhatToGive() {
        assertThatThrownBy(() -> RecordedRuns.open(dir.resolve(RecordedRuns.FILE), dir.resolve("missing.json")))
                .hasMessageContaining("--resume").hasMessageContaining("runs.json of an earlier run");
    }
}
