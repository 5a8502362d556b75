package dev.hourglass.bench.allreduce;

import dev.hourglass.bench.ChildProcess;
import dev.hourglass.collective.benchmark.AllreduceBenchmarkMain;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * One {@code mpirun} of the collective module's {@link AllreduceBenchmarkMain} on this machine: N ranks, as many as
 * asked, sharing its cores ({@code --oversubscribe --bind-to none}), optionally with glibc's malloc told to keep
 * large blocks (Open MPI's allreduce allocates a full-size temporary per call, and fresh pages cost ~11 us per 4 KB
 * here: docs/open-mpi.md, "Large allreduce and malloc").
 */
final class AllreduceRanks {

    static final String RESULT_PREFIX = "hourglass-allreduce ";
    /** mpirun -x settings that keep glibc from returning large blocks to the system between calls. */
    static final List<String> MALLOC_FIX = List.of("MALLOC_MMAP_THRESHOLD_=4294967296", "MALLOC_TRIM_THRESHOLD_=4294967296");
    private static final long TIMEOUT_MINUTES = 15;

    private AllreduceRanks() {
    }

    /** Runs the ranks and returns rank 0's measurements, in the order printed. */
    static List<Measurement> run(int ranks, boolean mallocFix, List<String> algorithms, long[] sizes, int[] repetitions,
                                 double warmUpSeconds) {
        List<String> command = new ArrayList<>(List.of(mpirun().toString()));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--allow-run-as-root");
        }
        command.addAll(List.of("--oversubscribe", "--bind-to", "none", "-np", Integer.toString(ranks)));
        if (mallocFix) {
            MALLOC_FIX.forEach(setting -> command.addAll(List.of("-x", setting)));
        }
        long largest = LongStream.of(sizes).max().orElse(0);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // -cp first: mpirun takes any java argument containing "cp" for the classpath
                // (docs/open-mpi.md, "mpirun and the java command line")
                "-cp", System.getProperty("java.class.path"), // this jar carries the collectives and Open MPI's bindings
                "-Xmx256m", "-XX:+UseSerialGC",
                // the buffer, a second replica's and the algorithms' scratch, with room for the last size's garbage
                "-XX:MaxDirectMemorySize=" + (6 * largest + (256 << 20)),
                AllreduceBenchmarkMain.class.getName(),
                "--sizes", join(LongStream.of(sizes).mapToObj(Long::toString)),
                "--repetitions", join(Arrays.stream(repetitions).mapToObj(Integer::toString)),
                "--algorithms", String.join(",", algorithms),
                "--warm-up-seconds", Double.toString(warmUpSeconds)));
        String output = ChildProcess.output(command, TIMEOUT_MINUTES, "mpirun of " + ranks + " ranks");
        List<Measurement> measurements = output.lines()
                .filter(line -> line.startsWith(RESULT_PREFIX))
                .map(line -> parse(line, mallocFix ? Measurement.MALLOC_FIX : Measurement.INSTALLED))
                .toList();
        if (measurements.size() != algorithms.size() * sizes.length) {
            throw new IllegalStateException("expected " + algorithms.size() * sizes.length + " measurements from "
                    + ranks + " ranks, got " + measurements.size() + "; their output:\n" + ChildProcess.tail(output));
        }
        return measurements;
    }

    /** {@code hourglass-allreduce algorithm=ring ranks=4 bytes=4096 seconds=0.000012 samples=40 choice=mpi-native} */
    static Measurement parse(String line, String environment) {
        Map<String, String> fields = ChildProcess.fields(RESULT_PREFIX, line);
        try {
            return new Measurement(fields.get("algorithm"), environment, Integer.parseInt(fields.get("ranks")),
                    Long.parseLong(fields.get("bytes")), Double.parseDouble(fields.get("seconds")),
                    Integer.parseInt(fields.get("samples")), fields.get("choice"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable result line (" + e + "): " + line, e);
        }
    }

    private static Path mpirun() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "mpirun"))
                .filter(Files::isExecutable)
                .findFirst();
        return found.orElseThrow(() -> new IllegalStateException("no 'mpirun' on PATH: Open MPI is not installed;"
                + " scripts/install/openmpi-java.sh (run by ./hourglass test) installs it and its Java bindings"));
    }

    private static String join(Stream<String> values) {
        return values.collect(Collectors.joining(","));
    }
}
