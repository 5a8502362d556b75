package dev.hourglass.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A measurement that runs in processes of its own (mpirun's ranks, a JVM with the trainer's classes) and reports
 * on lines of {@code key=value} fields after a prefix.
 */
public final class ChildProcess {

    private ChildProcess() {
    }

    /**
     * Runs {@code command} to its end and returns its output (stdout and stderr); a timeout, a failure to start
     * or a non-zero exit is an exception that names {@code what} and shows the output's last lines.
     */
    public static String output(List<String> command, long timeoutMinutes, String what) {
        try {
            Path log = Files.createTempFile("hourglass-bench", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new IllegalStateException(what + " did not finish in " + timeoutMinutes + " minutes and was"
                            + " killed: " + String.join(" ", command) + "\n" + tail(Files.readString(log, StandardCharsets.UTF_8)));
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(what + " exited with " + process.exitValue() + ": "
                            + String.join(" ", command) + "\n" + tail(output));
                }
                return output;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + what + " (" + e.getMessage() + "): "
                    + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what + " ran", e);
        }
    }

    /** The fields of a result line {@code PREFIX key=value key=value ...}. */
    public static Map<String, String> fields(String prefix, String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring(prefix.length()).trim().split("\\s+")) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("not key=value: '" + field + "' in " + line);
            }
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        return fields;
    }

    /** The last 40 lines, for error messages. */
    public static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
