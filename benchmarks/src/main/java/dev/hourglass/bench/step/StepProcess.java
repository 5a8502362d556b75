package dev.hourglass.bench.step;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of the trainer agent's {@code StepBenchmarkMain} in a JVM of its own. */
final class StepProcess {

    static final String MAIN = "dev.hourglass.trainer.worker.StepBenchmarkMain";
    static final String RESULT_PREFIX = "hourglass-step ";
    static final String CLASSPATH_PROPERTY = "hourglass.trainer.classpath";
    private static final long TIMEOUT_MINUTES = 20;

    private StepProcess() {
    }

    static List<StepMeasurement> run(StepBenchmark.Setting setting) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", trainerClasspath(), "-Xmx4g", MAIN,
                "--model", setting.model(), "--image-size", Integer.toString(setting.imageSize()),
                "--batch", Integer.toString(setting.batch()), "--replicas", Integer.toString(setting.replicas()),
                "--steps", Integer.toString(setting.steps()), "--warm-up", Integer.toString(setting.warmUp()));
        String output = execute(command);
        List<StepMeasurement> measurements = output.lines().filter(line -> line.startsWith(RESULT_PREFIX))
                .map(StepProcess::parse).toList();
        if (measurements.size() != 2) {
            throw new IllegalStateException("expected a dl4j-fit and a hourglass line, got " + measurements.size()
                    + "; output:\n" + tail(output));
        }
        return measurements;
    }

    /** {@code hourglass-step model=resnet8 image=32 batch=32 replicas=1 mode=hourglass data=.. compute=.. ...} */
    static StepMeasurement parse(String line) {
        Map<String, String> fields = new HashMap<>();
        for (String field : line.substring(RESULT_PREFIX.length()).trim().split("\\s+")) {
            int equals = field.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("not key=value: '" + field + "' in " + line);
            }
            fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
        try {
            return new StepMeasurement(fields.get("model"), Integer.parseInt(fields.get("image")),
                    Integer.parseInt(fields.get("batch")), Integer.parseInt(fields.get("replicas")), fields.get("mode"),
                    Double.parseDouble(fields.get("data")), Double.parseDouble(fields.get("compute")),
                    Double.parseDouble(fields.get("reduce")), Double.parseDouble(fields.get("update")),
                    Double.parseDouble(fields.get("step")), Long.parseLong(fields.get("gradientBytes")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable result line (" + e + "): " + line, e);
        }
    }

    private static String execute(List<String> command) {
        try {
            Path log = Files.createTempFile("hourglass-step", ".log");
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the step benchmark did not finish in " + TIMEOUT_MINUTES
                            + " minutes: " + String.join(" ", command));
                }
                String output = Files.readString(log, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("the step benchmark exited with " + process.exitValue() + ":\n"
                            + tail(output));
                }
                return output;
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run the step benchmark: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the step benchmark ran", e);
        }
    }

    private static String trainerClasspath() {
        String classpath = System.getProperty(CLASSPATH_PROPERTY);
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException("the trainer agent's classpath is needed: run through ./hourglass bench"
                    + " step, which builds trainer-agent and passes -D" + CLASSPATH_PROPERTY);
        }
        return classpath;
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
