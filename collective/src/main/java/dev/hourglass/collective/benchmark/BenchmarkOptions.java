package dev.hourglass.collective.benchmark;

import dev.hourglass.collective.AllreduceAlgorithm;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import mpi.MPIException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@link AllreduceBenchmarkMain}'s command line: sizes in bytes, timed calls per size, algorithms, replicas per rank
 * for the hierarchical allreduce, and the most time one algorithm's warm-up may take at one size. Picocli reads the
 * options; {@link #validate()} checks what no single option can, and reports it as a usage error too. Called, it
 * runs the benchmark with them.
 */
@Command(name = "allreduce-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times the allreduce algorithms on every rank of an mpirun; rank 0 prints the medians.")
final class BenchmarkOptions implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", required = true, split = ",", paramLabel = "BYTES",
            description = "buffer sizes in bytes, each a positive multiple of 4 (a whole number of floats)")
    long[] sizes;

    @Option(names = "--repetitions", required = true, split = ",", paramLabel = "N",
            description = "timed calls per size, one per size")
    int[] repetitions;

    @Option(names = "--algorithms", required = true, split = ",", paramLabel = "ALGORITHM",
            completionCandidates = Algorithms.class, description = "algorithms to time: ${COMPLETION-CANDIDATES}")
    String[] algorithms;

    @Option(names = "--replicas", defaultValue = "2", paramLabel = "N",
            description = "replicas per rank for the hierarchical allreduce (default: ${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--warm-up-seconds", defaultValue = "0.5", paramLabel = "S",
            description = "the most time one algorithm's warm-up may take at one size (default: ${DEFAULT-VALUE})")
    double warmUpSeconds;

    @Override
    public Integer call() throws MPIException {
        validate();
        AllreduceBenchmarkMain.run(this, spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        return 0;
    }

    /** What the options only mean together, and the algorithms' names; a {@link ParameterException} if wrong. */
    void validate() {
        if (sizes.length != repetitions.length) {
            throw new ParameterException(spec.commandLine(), "--repetitions needs one count per size: "
                    + sizes.length + " sizes, " + repetitions.length + " counts");
        }
        for (long size : sizes) {
            if (size <= 0 || size % Float.BYTES != 0 || size / Float.BYTES > Integer.MAX_VALUE) {
                throw new ParameterException(spec.commandLine(),
                        "size " + size + " is not a positive number of floats (a multiple of 4 bytes)");
            }
        }
        for (String algorithm : algorithms) {
            if (!algorithm.equals(AllreduceBenchmarkMain.HIERARCHICAL)) {
                try {
                    AllreduceAlgorithm.named(algorithm);
                } catch (IllegalArgumentException unknown) {
                    List<String> known = new ArrayList<>();
                    new Algorithms().forEach(known::add);
                    throw new ParameterException(spec.commandLine(), "unknown algorithm '" + algorithm
                            + "' in --algorithms; known: " + String.join(", ", known));
                }
            }
        }
    }

    /** The names --algorithms accepts, for the usage text. */
    static final class Algorithms implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> names = new ArrayList<>(AllreduceAlgorithm.ids());
            names.add(AllreduceBenchmarkMain.HIERARCHICAL);
            return names.iterator();
        }
    }
}
