package dev.hourglass.collective.mpi;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starts a Java main class as N ranks under a real {@code mpirun} on this machine, for tests. */
final class Mpirun {

    record Result(int exitCode, boolean timedOut, String output) {
    }

    private Mpirun() {
    }

    /** {@code mpirun} from PATH; a test that needs it fails (never skips) without it. */
    static Path executable() {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, "mpirun"))
                .filter(Files::isExecutable)
                .findFirst();
        return found.orElseThrow(() -> new AssertionError("no 'mpirun' on PATH: Open MPI is not installed. "
                + "Run ./hourglass test, which installs Open MPI and its Java bindings (scripts/install/openmpi-java.sh)"));
    }

    /**
     * Runs {@code main} as {@code ranks} ranks with this JVM's test classpath; stdout and stderr of every rank
     * land in {@code log}. On timeout the whole process tree is killed.
     */
    static Result run(int ranks, Class<?> main, Duration timeout, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable().toString(),
                "--allow-run-as-root", "--oversubscribe", "--bind-to", "none", "-np", Integer.toString(ranks),
                // a small, quick-starting JVM per rank: the ranks share 2 cores with the build
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // first: mpirun takes any java argument containing "cp" for the classpath (docs/open-mpi.md, "mpirun and the java command line")
                "-cp", testClasspath(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                main.getName()));
        Files.createDirectories(log.getParent());
        Process mpirun = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = mpirun.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            mpirun.descendants().forEach(ProcessHandle::destroyForcibly);
            mpirun.destroyForcibly();
            mpirun.waitFor(10, TimeUnit.SECONDS);
        }
        String output = "$ " + String.join(" ", command) + "\n" + Files.readString(log);
        return new Result(finished ? mpirun.exitValue() : -1, !finished, output);
    }

    /** Surefire runs tests from a manifest-only jar; the real entries are in surefire.test.class.path. */
    private static String testClasspath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
