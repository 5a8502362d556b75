package dev.hourglass.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void aBenchmarksOwnOptionsAreParsedWithTheirValues() {
        CommandLine command = CommandLine.parse("scaling", "--seeds", "5", "--out", "/tmp/x", "--epochs", "4");

        assertThat(command.benchmark()).isEqualTo("scaling");
        assertThat(command.outDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(command.options()).isEqualTo(Map.of("seeds", "5", "epochs", "4"));
    }

    @Test
    void everyOptionABenchmarkDeclaresIsAcceptedOnTheCommandLineAndInTheUsage() {
        CommandLine command = CommandLine.parse("scaling", "--resume", "/tmp/runs.json", "--sweep", "16,32");

        assertThat(command.options()).isEqualTo(Map.of("resume", "/tmp/runs.json", "sweep", "16,32"));
        for (Benchmark benchmark : Benchmarks.all()) {
            for (String option : benchmark.options()) {
                assertThat(CommandLine.USAGE).as(benchmark.name()).contains("--" + option + " ");
            }
        }
    }

    @Test
    void anOptionWithoutItsValueOrUnknownIsRefused() {
        assertThatThrownBy(() -> CommandLine.parse("scaling", "--seeds")).hasMessage("--seeds needs a value");
        assertThatThrownBy(() -> CommandLine.parse("scaling", "--speed", "9"))
                .hasMessageStartingWith("unknown option '--speed'").hasMessageContaining("--dataset");
    }

    @Test
    void anOptionTheNamedBenchmarkDoesNotTakeIsAUsageErrorAndRunsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = BenchmarkMain.run(new String[] {"scheduler", "--seeds", "3"}, new PrintStream(out),
                new PrintStream(err));

        assertThat(status).isEqualTo(BenchmarkMain.USAGE_ERROR);
        assertThat(err.toString()).contains("scheduler takes no --seeds");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aBadValueNamesTheOptionAndWhatItNeeds() {
        BenchmarkRun run = new BenchmarkRun(false, Path.of("."), Map.of("seeds", "two"));

        assertThatThrownBy(() -> run.integer("seeds", 3))
                .hasMessage("--seeds needs a whole number of at least 1, not 'two'");
        assertThat(new BenchmarkRun(false, Path.of("."), Map.of()).integer("seeds", 3)).isEqualTo(3);
    }
}
