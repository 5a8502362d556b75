package dev.hourglass.bench.step;

import dev.hourglass.bench.ChildProcess;
import dev.hourglass.bench.platform.Classpaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One run of the trainer's {@code StepBenchmarkMain} in a JVM of its own, from the workers' classpath. */
final class StepProcess {

    static final String MAIN = "dev.hourglass.trainer.worker.StepBenchmarkMain";
    static final String RESULT_PREFIX = "hourglass-step ";
    private static final long TIMEOUT_MINUTES = 20;

    private StepProcess() {
    }

    static List<StepMeasurement> run(StepBenchmark.Setting setting) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", Classpaths.workerOnly(), "-Xmx4g", MAIN,
                "--model", setting.model(), "--image-size", Integer.toString(setting.imageSize()),
                "--batch", Integer.toString(setting.batch()), "--replicas", Integer.toString(setting.replicas()),
                "--steps", Integer.toString(setting.steps()), "--warm-up", Integer.toString(setting.warmUp()));
        String output = ChildProcess.output(command, TIMEOUT_MINUTES, "the step benchmark");
        List<StepMeasurement> measurements = output.lines().filter(line -> line.startsWith(RESULT_PREFIX))
                .map(StepProcess::parse).toList();
        if (measurements.size() != 2) {
            throw new IllegalStateException("expected a dl4j-fit and a hourglass line, got " + measurements.size()
                    + "; output:\n" + ChildProcess.tail(output));
        }
        return measurements;
    }

    /** {@code hourglass-step model=resnet8 image=32 batch=32 replicas=1 mode=hourglass data=.. compute=.. ...} */
    static StepMeasurement parse(String line) {
        Map<String, String> fields = ChildProcess.fields(RESULT_PREFIX, line);
        try {
            return new StepMeasurement(fields.get("model"), Integer.parseInt(fields.get("image")),
                    Integer.parseInt(fields.get("batch")), Integer.parseInt(fields.get("replicas")), fields.get("mode"),
                    Double.parseDouble(fields.get("data")), Double.parseDouble(fields.get("compute")),
                    Double.parseDouble(fields.get("reduce")), Double.parseDouble(fields.get("update")),
                    Double.parseDouble(fields.get("step")), Double.parseDouble(fields.get("iteration")),
                    Long.parseLong(fields.get("gradientBytes")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable result line (" + e + "): " + line, e);
        }
    }
}
