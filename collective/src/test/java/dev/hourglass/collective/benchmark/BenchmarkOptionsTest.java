package dev.hourglass.collective.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The allreduce benchmark's options as the benchmarks module passes them, read by picocli; wrong ones refused. */
class BenchmarkOptionsTest {

    private final BenchmarkOptions options = new BenchmarkOptions();
    private final StringWriter err = new StringWriter();

    /** Exits before MPI_Init whenever the options are wrong, which is all these tests run. */
    private int execute(String... args) {
        CommandLine cli = new CommandLine(options);
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void replicasAndWarmUpHaveTheirDefaults() {
        new CommandLine(options).parseArgs("--sizes", "4096", "--repetitions", "40", "--algorithms", "ring");
        options.validate();

        assertThat(options.sizes).containsExactly(4096L);
        assertThat(options.repetitions).containsExactly(40);
        assertThat(options.algorithms).containsExactly("ring");
        assertThat(options.replicas).isEqualTo(2);
        assertThat(options.warmUpSeconds).isEqualTo(0.5);
    }

    @Test
    void readsEveryOptionWithCommaSeparatedLists() {
        new CommandLine(options).parseArgs("--sizes", "4096,1048576,67108864", "--repetitions", "30,10,3",
                "--algorithms", "halving-doubling,binary-blocks,ring,mpi-native,hierarchical", "--replicas", "3",
                "--warm-up-seconds", "0.1");
        options.validate();

        assertThat(options.sizes).containsExactly(4096L, 1L << 20, 64L << 20);
        assertThat(options.repetitions).containsExactly(30, 10, 3);
        assertThat(options.algorithms).containsExactly("halving-doubling", "binary-blocks", "ring", "mpi-native",
                "hierarchical");
        assertThat(options.replicas).isEqualTo(3);
        assertThat(options.warmUpSeconds).isEqualTo(0.1);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        int exit = execute("--sizes", "4096", "--repetitions", "40", "--algorithms", "ring", "--ranks", "4");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown options: '--ranks', '4'").contains("Usage: allreduce-benchmark")
                .contains("--warm-up-seconds=S");
    }

    @Test
    void aMissingListIsAUsageError() {
        assertThat(execute("--sizes", "4096", "--repetitions", "40")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Missing required option: '--algorithms=ALGORITHM'").contains("Usage:");
    }

    @Test
    void whatTheOptionsOnlyMeanTogetherIsCheckedAsUsageToo() {
        assertThat(execute("--sizes", "4096,8192", "--repetitions", "40", "--algorithms", "ring"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(execute("--sizes", "4098", "--repetitions", "40", "--algorithms", "ring"))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(execute("--sizes", "4096", "--repetitions", "40", "--algorithms", "ring,butterfly"))
                .isEqualTo(CommandLine.ExitCode.USAGE);

        assertThat(err.toString()).contains("--repetitions needs one count per size: 2 sizes, 1 counts")
                .contains("size 4098 is not a positive number of floats")
                .contains("unknown algorithm 'butterfly' in --algorithms; known: ").contains("hierarchical")
                .contains("Usage: allreduce-benchmark");
    }
}
