package dev.hourglass.trainer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@link StepBenchmarkMain}'s options as {@code ./hourglass bench step} passes them, read by picocli; wrong ones refused. */
class StepBenchmarkOptionsTest {

    private static final String[] ALL = {"--model", "resnet8", "--image-size", "32", "--batch", "32", "--replicas", "2",
        "--steps", "20", "--warm-up", "5"};

    private final StepBenchmarkMain.Options options = new StepBenchmarkMain.Options();
    private final StringWriter err = new StringWriter();

    /** Exits before any training whenever the options are wrong, which is all these tests run. */
    private int execute(String... args) {
        CommandLine cli = new CommandLine(options);
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void readsEveryOption() {
        new CommandLine(options).parseArgs(ALL);

        assertThat(options.model).isEqualTo("resnet8");
        assertThat(options.imageSize).isEqualTo(32);
        assertThat(options.batch).isEqualTo(32);
        assertThat(options.replicas).isEqualTo(2);
        assertThat(options.steps).isEqualTo(20);
        assertThat(options.warmUp).isEqualTo(5);
    }

    @Test
    void hasNoDefaultsEveryOptionIsRequired() {
        int exit = execute("--model", "resnet8", "--image-size", "32", "--batch", "32", "--replicas", "1", "--steps", "20");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing required option: '--warm-up=N'").contains("Usage: step-benchmark");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        String[] args = java.util.Arrays.copyOf(ALL, ALL.length + 2);
        args[ALL.length] = "--epochs";
        args[ALL.length + 1] = "3";

        assertThat(execute(args)).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown options: '--epochs', '3'").contains("Usage: step-benchmark")
                .contains("--image-size=PIXELS");
    }

    @Test
    void aNumberThatIsNotOneIsAUsageError() {
        String[] args = ALL.clone();
        args[5] = "thirty-two";

        assertThat(execute(args)).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Invalid value for option '--batch': 'thirty-two' is not an int");
    }
}
