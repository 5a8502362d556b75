package dev.hourglass.bench.controlplane;

import com.sun.management.OperatingSystemMXBean;
import dev.hourglass.client.ApiException;
import dev.hourglass.client.api.JobsApi;
import dev.hourglass.client.model.SubmitJobRequest;
import java.lang.management.ManagementFactory;
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

    private static final OperatingSystemMXBean CLIENT_PROCESS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One API, and so one HTTP client, that every client thread shares. */
    private final JobsApi jobs;
    private final ControlPlaneProcess controlPlane;
    private final String team;

    SubmissionLoad(ControlPlaneProcess controlPlane, String token, String team) {
        this.jobs = new JobsApi(controlPlane.apiClient(token).setReadTimeout(Duration.ofSeconds(30)));
        this.controlPlane = controlPlane;
        this.team = team;
    }

    /** One measurement: submissions accepted per second and the latency a pipeline sees. */
    /**
     * @param serverCpuMs the control plane's CPU time per submission (its scheduler passes included): where the
     *                    time goes, which the rate alone does not say (it still varies by a fifth between runs here)
     * @param clientCpuMs this process's CPU time per submission: the clients' share of the machine
     */
    record Result(int clients, int submissions, int failed, double seconds, double perSecond, double p50Ms,
                  double p99Ms, double serverCpuMs, double clientCpuMs) {
    }

    Result run(int clients, int submissions) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] latencies = new long[submissions];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Duration serverCpuBefore = controlPlane.cpuTime();
        long clientCpuBefore = CLIENT_PROCESS.getProcessCpuTime();
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < submissions; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        int status = submit(job(i));
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
        double serverCpuMs = controlPlane.cpuTime().minus(serverCpuBefore).toNanos() / 1e6 / submissions;
        double clientCpuMs = (CLIENT_PROCESS.getProcessCpuTime() - clientCpuBefore) / 1e6 / submissions;
        Arrays.sort(latencies);
        return new Result(clients, submissions, failed.get(), seconds, (submissions - failed.get()) / seconds,
                latencies[submissions / 2] / 1e6, latencies[(int) Math.min(submissions - 1, submissions * 0.99)] / 1e6,
                serverCpuMs, clientCpuMs);
    }

    /** The status the control plane answered; a refusal counts as a failed submission, no answer ends the run. */
    private int submit(SubmitJobRequest job) throws ApiException {
        try {
            return jobs.submitJobWithHttpInfo(job, null).getStatusCode();
        } catch (ApiException refused) {
            if (refused.getCode() == 0) {
                throw refused;
            }
            return refused.getCode();
        }
    }

    private SubmitJobRequest job(int i) {
        int kn = 32 << (i % 5);
        return new SubmitJobRequest().name("bench-" + i).team(team).model(SubmitJobRequest.ModelEnum.RESNET8)
                .dataset("generated").kn(kn);
    }
}
