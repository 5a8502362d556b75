package dev.hourglass.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.protocol.MetricBatch;
import dev.hourglass.protocol.MetricBatchReceipt;
import dev.hourglass.protocol.MetricPoint;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards the worker's metrics file to the control plane in ordered, numbered batches. The file is the disk
 * buffer: while the control plane is unreachable the worker keeps appending and the forwarder retries. A cursor
 * file records the acknowledged offset and, before each send, the exact extent of the batch in flight, so that
 * after an agent restart the same batch goes out again with the same number and is stored once.
 */
final class MetricsForwarder implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(MetricsForwarder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_POINTS_PER_BATCH = 1_000;

    private final long jobId;
    private final Path metrics;
    private final Path cursorFile;
    private final ControlPlaneClient client;
    private final Duration flushEvery;
    private volatile boolean draining;
    private volatile boolean finished;

    private long offset;
    private long sequence = 1;
    private long pendingEnd = -1;

    MetricsForwarder(long jobId, Path metrics, Path cursorFile, ControlPlaneClient client, Duration flushEvery)
            throws IOException {
        this.jobId = jobId;
        this.metrics = metrics;
        this.cursorFile = cursorFile;
        this.client = client;
        this.flushEvery = flushEvery;
        if (Files.exists(cursorFile)) {
            Properties cursor = new Properties();
            try (var in = Files.newInputStream(cursorFile)) {
                cursor.load(in);
            }
            offset = Long.parseLong(cursor.getProperty("offset", "0"));
            sequence = Long.parseLong(cursor.getProperty("sequence", "1"));
            pendingEnd = Long.parseLong(cursor.getProperty("pendingEnd", "-1"));
        }
    }

    /** Stops after everything written so far has been acknowledged. */
    void drainAndStop() {
        draining = true;
    }

    boolean finished() {
        return finished;
    }

    @Override
    public void run() {
        Backoff backoff = new Backoff();
        try {
            while (true) {
                long end = pendingEnd > offset ? pendingEnd : nextBatchEnd();
                if (end <= offset) {
                    if (draining) {
                        return;
                    }
                    Thread.sleep(flushEvery.toMillis());
                    continue;
                }
                pendingEnd = end;
                saveCursor();
                try {
                    MetricBatchReceipt receipt = client.send(jobId, new MetricBatch(sequence, read(offset, end)));
                    offset = end;
                    sequence = receipt.nextSequence();
                    pendingEnd = -1;
                    saveCursor();
                    backoff.reset();
                } catch (ControlPlaneClient.ControlPlaneException e) {
                    if (e.status() == 404) {
                        log.warn("job {} is gone from the control plane; dropping its metrics", jobId);
                        return;
                    }
                    if (!e.isUnavailable()) {
                        log.warn("metrics of job {} (batch {}) not delivered, retrying in {} ms: {}", jobId, sequence,
                                backoff.nextMillis(), e.getMessage());
                    }
                    backoff.pause();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.error("metrics of job {} cannot be read from {}: {}", jobId, metrics, e.getMessage());
        } finally {
            finished = true;
        }
    }

    /** The end offset of the next batch: up to MAX_POINTS_PER_BATCH complete lines after the offset. */
    private long nextBatchEnd() throws IOException {
        if (!Files.exists(metrics)) {
            return offset;
        }
        try (RandomAccessFile file = new RandomAccessFile(metrics.toFile(), "r")) {
            file.seek(offset);
            long end = offset;
            int lines = 0;
            byte[] buffer = new byte[64 * 1024];
            long position = offset;
            int n;
            while (lines < MAX_POINTS_PER_BATCH && (n = file.read(buffer)) > 0) {
                for (int i = 0; i < n && lines < MAX_POINTS_PER_BATCH; i++) {
                    if (buffer[i] == '\n') {
                        lines++;
                        end = position + i + 1;
                    }
                }
                position += n;
            }
            return end;
        }
    }

    private List<MetricPoint> read(long from, long to) throws IOException {
        byte[] bytes = new byte[(int) (to - from)];
        try (RandomAccessFile file = new RandomAccessFile(metrics.toFile(), "r")) {
            file.seek(from);
            file.readFully(bytes);
        }
        List<MetricPoint> points = new ArrayList<>();
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                points.add(JSON.readValue(line, MetricPoint.class));
            }
        }
        return points;
    }

    private void saveCursor() throws IOException {
        Properties cursor = new Properties();
        cursor.setProperty("offset", Long.toString(offset));
        cursor.setProperty("sequence", Long.toString(sequence));
        cursor.setProperty("pendingEnd", Long.toString(pendingEnd));
        Path temporary = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
        try (var out = Files.newOutputStream(temporary)) {
            cursor.store(out, "metrics forwarded to the control plane");
        }
        Files.move(temporary, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
