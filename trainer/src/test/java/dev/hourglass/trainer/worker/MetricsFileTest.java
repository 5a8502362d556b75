package dev.hourglass.trainer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {

    @TempDir
    Path dir;

    @Test
    void aResumedRunDoesNotWriteAgainWhatTheFileAlreadyHas() throws Exception {
        Path file = dir.resolve("metrics.jsonl");
        try (MetricsFile metrics = MetricsFile.open(file)) {
            for (long i = 0; i < 3; i++) {
                metrics.write(i, Map.of("train.loss", 2.0 - i));
            }
        }
        Files.writeString(file, "{\"name\":\"train.lo", java.nio.file.StandardOpenOption.APPEND); // cut off by a crash
        Files.writeString(file, "\n", java.nio.file.StandardOpenOption.APPEND);
        try (MetricsFile metrics = MetricsFile.open(file)) {
            for (long i = 1; i < 5; i++) { // resumed from the checkpoint of iteration 1
                Map<String, Double> values = new LinkedHashMap<>();
                values.put("train.loss", 2.0 - i);
                values.put("lr", 0.1);
                metrics.write(i, values);
            }
        }
        assertThat(Files.readAllLines(file).stream().filter(line -> line.contains("\"train.loss\""))
                .map(line -> line.replaceAll(".*\"iteration\":(\\d+).*", "$1")))
                .containsExactly("0", "1", "2", "3", "4");
        assertThat(Files.readAllLines(file).stream().filter(line -> line.contains("\"lr\""))).hasSize(4);
    }
}
