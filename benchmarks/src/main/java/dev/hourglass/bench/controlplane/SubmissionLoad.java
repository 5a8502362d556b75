package dev.hourglass.bench.controlplane;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Pipelines submitting jobs over REST as fast as the control plane takes them, from concurrent clients. */
final class SubmissionLoad {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;
    private final String team;

    SubmissionLoad(String baseUrl, String token, String team) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.team = team;
    }

    /** One measurement: submissions accepted per second and the latency a pipeline sees. */
    record Result(int clients, int submissions, int failed, double seconds, double perSecond, double p50Ms,
                  double p99Ms) {
    }

    int post(String path, String body) throws IOException, InterruptedException {
        return http.send(request(path, body), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    Result run(int clients, int submissions) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] latencies = new long[submissions];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < submissions; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        int status = post("/api/v1/jobs", job(i));
                        latencies[i] = System.nanoTime() - sent;
                        if (status != 201) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latencies);
        return new Result(clients, submissions, failed.get(), seconds, (submissions - failed.get()) / seconds,
                latencies[submissions / 2] / 1e6, latencies[(int) Math.min(submissions - 1, submissions * 0.99)] / 1e6);
    }

    private String job(int i) {
        int kn = 32 << (i % 5);
        return "{\"name\":\"bench-" + i + "\",\"team\":\"" + team + "\",\"model\":\"resnet8\",\"dataset\":\"generated\",\"kn\":"
                + kn + "}";
    }

    private HttpRequest request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
