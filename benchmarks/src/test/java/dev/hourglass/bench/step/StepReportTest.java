package dev.hourglass.bench.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hourglass.bench.BenchmarkReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepReportTest {

    private static final String FIT = "hourglass-step model=resnet8 image=32 batch=32 replicas=1 mode=dl4j-fit data=0"
            + " compute=0 reduce=0 update=0 step=0.200000 iteration=0.200000 gradientBytes=0";

    @Test
    void theTrainersOverheadIsItsStepOverDl4jsFitOfTheSameBatchAndTheGoalIsJudgedOnOneRank() {
        StepMeasurement fit = StepProcess.parse(FIT);
        StepMeasurement oneReplica = StepProcess.parse("hourglass-step model=resnet8 image=32 batch=32 replicas=1"
                + " mode=hourglass data=0.01 compute=0.2 reduce=0.001 update=0.009 step=0.21 iteration=0.22 gradientBytes=314336");
        StepMeasurement slow = StepProcess.parse("hourglass-step model=resnet8 image=32 batch=32 replicas=1"
                + " mode=hourglass data=0.01 compute=0.25 reduce=0.001 update=0.009 step=0.26 iteration=0.27 gradientBytes=314336");

        BenchmarkReport met = StepReport.of(List.of(fit, oneReplica));
        BenchmarkReport missed = StepReport.of(List.of(fit, slow));

        assertThat(met.column("overheadVsFit").get(1)).isCloseTo(0.05, within(1e-9));
        assertThat(met.column("imagesPerS").get(0)).isCloseTo(160, within(1e-9));
        assertThat(met.values("algorithm")).containsExactly("dl4j-fit", "hourglass");
        assertThat(met.findings().get(0)).contains("+5.0%").contains("goal (under 10% overhead on one rank) met");
        assertThat(missed.findings().get(0)).contains("+30.0%").contains("missed");
    }
}
