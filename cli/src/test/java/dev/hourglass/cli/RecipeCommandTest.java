package dev.hourglass.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./hourglass recipe} as a user runs it: the arguments in, the printed plan and the exit code out. */
class RecipeCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new HourglassCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void jsonUsesTheRestContractsFieldNames() throws Exception {
        int exit = run("recipe", "--model", "resnet50", "--kn", "8192", "--json");

        assertThat(exit).isZero();
        JsonNode plan = new ObjectMapper().readTree(out.toString());
        assertThat(plan.get("k").asInt()).isEqualTo(256);
        assertThat(plan.get("nodes").asInt()).isEqualTo(32);
        assertThat(plan.get("baseLr").asDouble()).isEqualTo(0.1);
        assertThat(plan.get("peakLr").asDouble()).isEqualTo(3.2);
        assertThat(plan.get("warmup").get("kind").asText()).isEqualTo("GRADUAL");
        assertThat(plan.get("warmup").get("epochs").asDouble()).isEqualTo(5.0);
        assertThat(plan.get("warmup").get("iterations").asLong()).isEqualTo(780);
        assertThat(plan.get("warmup").get("startLr").asDouble()).isEqualTo(0.1);
        assertThat(plan.get("schedule")).extracting(step -> step.get("lr").asDouble()).containsExactly(0.32, 0.032, 0.0032);
        assertThat(plan.get("itersPerEpoch").asLong()).isEqualTo(156);
        assertThat(plan.get("totalIterations").asLong()).isEqualTo(14_040);
        assertThat(plan.get("momentum").asDouble()).isEqualTo(0.9);
        assertThat(plan.get("weightDecay").asDouble()).isEqualTo(1e-4);
        assertThat(plan.get("warnings").isArray()).isTrue();
        assertThat(plan.get("overrides").size()).as("no override was given").isZero();
    }

    @Test
    void aSmallBaselineCanBeTheReferenceMinibatch() {
        int exit = run("recipe", "--model", "resnet8", "--kn", "256", "--per-gpu-batch", "8", "--epochs", "8",
                "--base-lr", "0.05", "--reference-batch", "8", "--warmup-epochs", "1");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("eta = 0.05 x 256/8 = 1.6 (linear scaling)")
                .contains("gradual over 1 epochs (16 iterations), 0.05 -> 1.6");
    }

    @Test
    void theTableShowsThePapersNumbers() {
        int exit = run("recipe", "--model", "resnet50", "--kn", "8192");

        assertThat(exit).isZero();
        assertThat(out.toString())
                .contains("k=256 on 32 nodes")
                .contains("eta = 0.1 x 8192/256 = 3.2")
                .contains("gradual over 5 epochs (780 iterations), 0.1 -> 3.2")
                .contains("epoch 30 (iteration 4,680): 0.32")
                .contains("epoch 80 (iteration 12,480): 0.0032");
    }

    @Test
    void theTableWarnsWhenKnOverNIsBeyondThePapersRegime() {
        int exit = run("recipe", "--model", "resnet8", "--kn", "256");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("  warnings        kn/N = 1/16 (kn=256 on 4,096 images, 16 iterations"
                + " per epoch): the paper kept accuracy up to kn/N = 1/156 (8k on ImageNet) and lost it from 1/78");
    }

    @Test
    void overridesAreAcceptedInAnyCaseAndRecorded() throws Exception {
        int exit = run("recipe", "--model", "resnet50", "--kn", "8192", "--warmup", "constant", "--scaling", "sqrt", "--json");

        assertThat(exit).isZero();
        JsonNode plan = new ObjectMapper().readTree(out.toString());
        assertThat(plan.get("overrides").get("warmup").asText()).isEqualTo("CONSTANT");
        assertThat(plan.get("overrides").get("scaling").asText()).isEqualTo("SQRT");
        assertThat(plan.get("warnings").size()).isEqualTo(2);
    }

    @Test
    void badInputExitsNonZeroWithTheValidationMessage() {
        int exit = run("recipe", "--model", "resnet50", "--kn", "1000");

        assertThat(exit).isEqualTo(RecipeCommand.INVALID_REQUEST);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("error: kn: kn=1000 is not a multiple of perGpuBatch=32");
    }

    @Test
    void anUnknownModelListsTheKnownOnes() {
        int exit = run("recipe", "--model", "vgg16", "--kn", "256");

        assertThat(exit).isEqualTo(RecipeCommand.INVALID_REQUEST);
        assertThat(err.toString()).contains("unknown model 'vgg16'; known models: resnet50, resnet101");
    }
}
