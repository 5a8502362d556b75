package dev.hourglass.bench.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hourglass.agent.ControlPlaneClient;
import dev.hourglass.bench.Benchmark;
import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.LineChart;
import dev.hourglass.bench.Timing;
import dev.hourglass.client.ApiClient;
import dev.hourglass.client.ApiException;
import dev.hourglass.client.api.JobsApi;
import dev.hourglass.client.api.TeamsApi;
import dev.hourglass.client.model.CreateTeam;
import dev.hourglass.client.model.SubmitJobRequest;
import dev.hourglass.protocol.MetricBatch;
import dev.hourglass.protocol.MetricPoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Metric points per second that the control plane stores in PostgreSQL, from agents posting sequence-numbered
 * batches concurrently, and the delay from a worker's metric (its timestamp) to an SSE client receiving it.
 */
public final class IngestBenchmark implements Benchmark {

    static final double GOAL_POINTS_PER_SECOND = 50_000;
    static final double GOAL_P99_MS = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Size(int warmupBatches, int batchesPerSender, int[] senders, int[] pointsPerBatch) {
    }

    private static final Size FULL = new Size(40, 40, new int[] {1, 4, 8}, new int[] {100, 1_000});
    private static final Size QUICK = new Size(10, 10, new int[] {1, 4}, new int[] {1_000});

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String description() {
        return "metric points/s stored through POST /api/v1/agent/jobs/{id}/metrics, and the delay to an SSE client";
    }

    @Override
    public BenchmarkReport run(boolean quick) {
        Size size = quick ? QUICK : FULL;
        try (ControlPlaneProcess controlPlane = ControlPlaneProcess.start()) {
            ApiClient admin = controlPlane.apiClient(ControlPlaneProcess.ADMIN_TOKEN);
            new TeamsApi(admin).createTeam(new CreateTeam().name("bench").quotaGpus(1_000_000), null);
            JobsApi submissions = new JobsApi(admin);
            AgentLoad agent = new AgentLoad(controlPlane.agentClient());
            agent.run(newJobs(submissions, 1), size.warmupBatches(), 1_000);

            List<List<Object>> rows = new ArrayList<>();
            List<String> findings = new ArrayList<>();
            double best = 0;
            for (int points : size.pointsPerBatch()) {
                for (int senders : size.senders()) {
                    List<Long> jobs = newJobs(submissions, senders);
                    List<Long> delaysNanos = new ArrayList<>();
                    try (SseDelayProbe probe = new SseDelayProbe(controlPlane.baseUrl(), jobs.get(0))) {
                        AgentLoad.Result result = agent.run(jobs, size.batchesPerSender(), points);
                        delaysNanos.addAll(probe.awaitDelays(size.batchesPerSender()));
                        Timing delay = Timing.ofNanos(delaysNanos.stream().mapToLong(Long::longValue).toArray());
                        rows.add(List.of(senders, points, result.points(), round(result.seconds()),
                                Math.round(result.pointsPerSecond()), delay.medianMs(), delay.p99Ms()));
                        best = Math.max(best, result.pointsPerSecond());
                    }
                }
            }
            double worstP99 = rows.stream().mapToDouble(row -> ((Number) row.get(6)).doubleValue()).max().orElse(0);
            findings.add(String.format(Locale.ROOT, "best: %,.0f points/s — %s the goal of at least %,.0f points/s",
                    best, best >= GOAL_POINTS_PER_SECOND ? "meets" : "misses", GOAL_POINTS_PER_SECOND));
            findings.add(String.format(Locale.ROOT, "worst SSE delay p99: %.1f ms — %s the goal of under %.0f ms",
                    worstP99, worstP99 < GOAL_P99_MS ? "meets" : "misses", GOAL_P99_MS));
            findings.add("delay = SSE client receipt minus the point's timestamp, both on this machine's clock;"
                    + " the control plane (" + controlPlane.databaseDescription() + "), PostgreSQL and the senders share "
                    + Runtime.getRuntime().availableProcessors() + " cores");
            return new BenchmarkReport(
                    List.of("senders", "pointsPerBatch", "points", "seconds", "pointsPerSecond", "sseMedianMs", "sseP99Ms"),
                    rows,
                    new LineChart("Metric ingest into PostgreSQL", "senders", "concurrent agents",
                            List.of("pointsPerSecond"), "points per second", "pointsPerBatch"),
                    findings);
        } catch (Exception e) {
            throw new IllegalStateException("ingest benchmark failed: " + e.getMessage(), e);
        }
    }

    private static List<Long> newJobs(JobsApi jobs, int count) throws ApiException {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(jobs.submitJob(new SubmitJobRequest().name("ingest").team("bench")
                    .model(SubmitJobRequest.ModelEnum.RESNET8).dataset("generated").kn(32), null).getId());
        }
        return ids;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** Agents posting batches: one sender per job, each in sequence order, as the real agent forwards them. */
    static final class AgentLoad {

        private final ControlPlaneClient agent;

        AgentLoad(ControlPlaneClient agent) {
            this.agent = agent;
        }

        record Result(long points, double seconds, double pointsPerSecond) {
        }

        Result run(List<Long> jobs, int batches, int pointsPerBatch) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(jobs.size());
            long start = System.nanoTime();
            try {
                List<Future<?>> senders = new ArrayList<>();
                for (long job : jobs) {
                    senders.add(pool.submit(() -> {
                        for (long sequence = 1; sequence <= batches; sequence++) { // every run uses new jobs
                            agent.send(job, batch(sequence, pointsPerBatch));
                        }
                        return null;
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long points = (long) jobs.size() * batches * pointsPerBatch;
            return new Result(points, seconds, points / seconds);
        }

        private static MetricBatch batch(long sequence, int points) {
            long now = System.currentTimeMillis();
            List<MetricPoint> batch = new ArrayList<>(points);
            for (int i = 0; i < points; i++) {
                long iteration = sequence * points + i;
                batch.add(new MetricPoint(i % 2 == 0 ? "train.loss" : "lr", iteration, 1.0 / (1 + iteration), now));
            }
            return new MetricBatch(sequence, batch);
        }
    }

    /**
     * An SSE client on one job, noting for each batch how long after its points' timestamp it arrived. It reads the
     * stream line by line itself: the generated client's streamJobEvents returns the body only once it has ended.
     */
    static final class SseDelayProbe implements AutoCloseable {

        private final ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        private final CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream;

        SseDelayProbe(String baseUrl, long job) throws InterruptedException {
            stream = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                            URI.create(baseUrl + "/api/v1/jobs/" + job + "/events"))
                    .header("Authorization", "Bearer " + ControlPlaneProcess.ADMIN_TOKEN)
                    .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
            stream.thenAccept(response -> response.body().forEach(line -> {
                if (line.startsWith("data:") && line.contains("\"points\"")) {
                    long received = System.currentTimeMillis();
                    try {
                        JsonNode first = JSON.readTree(line.substring(5)).get("points").get(0);
                        delays.add((received - first.get("time").asLong()) * 1_000_000L);
                    } catch (Exception unreadable) {
                        // not a metrics event
                    }
                }
            }));
            Thread.sleep(500); // let the subscription open before the first batch
        }

        List<Long> awaitDelays(int expected) throws InterruptedException {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (delays.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (delays.isEmpty()) {
                throw new IllegalStateException("the SSE client received no metrics event");
            }
            return new ArrayList<>(delays);
        }

        @Override
        public void close() {
            stream.cancel(true);
        }
    }
}
