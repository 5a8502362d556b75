package dev.hourglass.trainer.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.protocol.MetricPoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The worker's side of the metrics contract (WorkerSpec): rank 0 appends one {@link MetricPoint} per line to
 * {@code metrics.jsonl}, which the agent forwards. A resumed run replays the iterations after its checkpoint;
 * the points it had already written for them are not written again, so every series stays once and in order.
 */
final class MetricsFile implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;
    private final Map<String, Long> lastIteration;

    private MetricsFile(BufferedWriter out, Map<String, Long> lastIteration) {
        this.out = out;
        this.lastIteration = lastIteration;
    }

    static MetricsFile open(Path file) throws IOException {
        Map<String, Long> last = new HashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    MetricPoint point = JSON.readValue(line, MetricPoint.class);
                    last.merge(point.name(), point.iteration(), Math::max);
                } catch (IOException torn) {
                    // a line cut off by a crash: the agent skips it too
                }
            }
        }
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return new MetricsFile(out, last);
    }

    /** Appends the points (all measured now) and flushes, so the agent sees them at once. */
    void write(long iteration, Map<String, Double> values) {
        long now = System.currentTimeMillis();
        try {
            for (Map.Entry<String, Double> value : values.entrySet()) {
                Long last = lastIteration.get(value.getKey());
                if (last != null && iteration <= last) {
                    continue;
                }
                out.write(JSON.writeValueAsString(new MetricPoint(value.getKey(), iteration, value.getValue(), now)));
                out.newLine();
                lastIteration.put(value.getKey(), iteration);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the metrics file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
