package dev.hourglass.bench.controlplane;

import dev.hourglass.agent.ControlPlaneClient;
import dev.hourglass.bench.Benchmark;
import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.LoadAverage;
import dev.hourglass.bench.LineChart;
import dev.hourglass.client.api.TeamsApi;
import dev.hourglass.client.model.CreateTeam;
import dev.hourglass.protocol.NodeRegistration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Job submissions per second through the REST API into PostgreSQL: the real control plane in its own
 * process, clients posting jobs concurrently with a bearer token, scheduling passes running alongside.
 */
public final class SubmissionsBenchmark implements Benchmark {

    static final double GOAL_PER_SECOND = 1_000;
    static final int NODES = 100;

    private record Size(int warmup, int perLevel, int[] clients) {
    }

    /**
     * A fresh control plane's JIT compiles for minutes (with 2,000 warm-up submissions its compiler threads still took
     * a fifth of its CPU in the last row); a control plane runs for days, so the rows measure it warmed up.
     */
    private static final Size FULL = new Size(10_000, 5_000, new int[] {1, 4, 16, 64});
    private static final Size QUICK = new Size(200, 500, new int[] {1, 16});

    @Override
    public String name() {
        return "submissions";
    }

    @Override
    public String description() {
        return "jobs submitted per second through POST /api/v1/jobs into PostgreSQL, with " + NODES
                + " nodes and the scheduler running";
    }

    @Override
    public BenchmarkReport run(boolean quick) {
        Size size = quick ? QUICK : FULL;
        try (ControlPlaneProcess controlPlane = ControlPlaneProcess.start()) {
            new TeamsApi(controlPlane.apiClient(ControlPlaneProcess.ADMIN_TOKEN))
                    .createTeam(new CreateTeam().name("bench").quotaGpus(1_000_000), null);
            ControlPlaneClient agent = controlPlane.agentClient();
            for (int node = 0; node < NODES; node++) {
                agent.register(new NodeRegistration(String.format(Locale.ROOT, "node-%03d", node), 8, "simulated",
                        null, null));
            }
            String loadBefore = LoadAverage.now();
            SubmissionLoad admin = new SubmissionLoad(controlPlane, ControlPlaneProcess.ADMIN_TOKEN, "bench");
            admin.run(8, size.warmup());

            List<List<Object>> rows = new ArrayList<>();
            List<SubmissionLoad.Result> results = new ArrayList<>();
            for (int clients : size.clients()) {
                SubmissionLoad.Result result = admin.run(clients, size.perLevel());
                results.add(result);
                rows.add(List.of(result.clients(), result.submissions(), result.failed(), round(result.seconds()),
                        Math.round(result.perSecond()), round(result.p50Ms()), round(result.p99Ms()),
                        round(result.serverCpuMs()), round(result.clientCpuMs())));
            }
            SubmissionLoad.Result best = results.stream().max(Comparator.comparingDouble(SubmissionLoad.Result::perSecond))
                    .orElseThrow();
            return new BenchmarkReport(
                    List.of("clients", "submissions", "failed", "seconds", "perSecond", "p50Ms", "p99Ms", "serverCpuMs",
                            "clientCpuMs"),
                    rows,
                    new LineChart("Job submissions through the REST API", "clients", "concurrent clients",
                            List.of("perSecond"), "submissions per second"),
                    List.of(String.format(Locale.ROOT, "best: %,.0f submissions/s with %d clients — %s the goal of"
                                    + " at least %,.0f/s (Slurm publishes 500 jobs/s sustained)", best.perSecond(),
                            best.clients(), best.perSecond() >= GOAL_PER_SECOND ? "meets" : "misses", GOAL_PER_SECOND),
                            "the control plane (" + controlPlane.databaseDescription() + "), PostgreSQL and the clients"
                                    + " share this machine's " + Runtime.getRuntime().availableProcessors() + " cores;"
                                    + " " + size.warmup() + " warm-up submissions first; every job stays in the queue"
                                    + " or runs, so each scheduling pass sees a growing queue; load average " + loadBefore
                                    + " before, " + LoadAverage.now() + " after (1, 5, 15 min)",
                            "serverCpuMs: the control plane's CPU time per submission (its scheduling passes"
                                    + " included), clientCpuMs the clients': where the machine's time goes"));
        } catch (Exception e) {
            throw new IllegalStateException("submissions benchmark failed: " + e.getMessage(), e);
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
