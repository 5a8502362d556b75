package dev.hourglass.backend.agents;

import dev.hourglass.backend.jobs.JobLifecycle;
import dev.hourglass.backend.jobs.JobService;
import dev.hourglass.backend.metrics.MetricsService;
import dev.hourglass.backend.nodes.NodeService.NodeView;
import dev.hourglass.backend.nodes.NodeService;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.protocol.Assignments;
import dev.hourglass.protocol.JobReport;
import dev.hourglass.protocol.MetricBatch;
import dev.hourglass.protocol.MetricBatchReceipt;
import dev.hourglass.protocol.NodeRegistration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/** What trainer agents call, with the agent token: registration, heartbeats, assignments, job state, metrics. */
@Tag(name = "agent protocol", description = "What trainer agents call, with the agent token")
@RestController
@RequestMapping("/api/v1/agent")
public class AgentController {

    static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    static final int MAX_WAIT_SECONDS = 60;

    private final NodeService nodes;
    private final JobService jobs;
    private final JobLifecycle lifecycle;
    private final MetricsService metrics;
    private final AssignmentService assignments;

    public AgentController(NodeService nodes, JobService jobs, JobLifecycle lifecycle, MetricsService metrics,
                           AssignmentService assignments) {
        this.nodes = nodes;
        this.jobs = jobs;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.assignments = assignments;
    }

    public record Readiness(String node) {
    }

    @Operation(operationId = "registerNode", summary = "Register (or re-register) a node")
    @PostMapping("/nodes")
    NodeView register(@RequestBody NodeRegistration registration) {
        if (registration.name() == null || !NODE_NAME.matcher(registration.name()).matches()) {
            throw ApiException.invalid("name", "node name '" + registration.name() + "' must be 1-100 letters,"
                    + " digits, '.', '_' or '-'");
        }
        if (registration.gpuCount() == null || registration.gpuCount() < 1
                || registration.gpuCount() > NodeService.MAX_GPUS_PER_NODE) {
            throw ApiException.invalid("gpuCount", "gpuCount=" + registration.gpuCount() + " must be between 1 and "
                    + NodeService.MAX_GPUS_PER_NODE);
        }
        if (registration.gpuMemoryMib() != null && registration.gpuMemoryMib() < 1) {
            throw ApiException.invalid("gpuMemoryMib", "gpuMemoryMib=" + registration.gpuMemoryMib()
                    + " must be positive (MiB per GPU), or absent for CPU devices");
        }
        String model = registration.gpuModel() == null || registration.gpuModel().isBlank() ? "unknown"
                : registration.gpuModel();
        return nodes.register(registration.name(), registration.gpuCount(), model, registration.gpuMemoryMib(),
                registration.address());
    }

    @Operation(operationId = "heartbeat", summary = "A node's heartbeat")
    @PostMapping("/nodes/{name}/heartbeat")
    void heartbeat(@PathVariable String name) {
        nodes.heartbeat(name);
    }

    /**
     * Long-poll: the jobs this node should run. With {@code after} (the version last seen), waits up to
     * {@code waitSeconds} for a change.
     */
    @Operation(operationId = "getAssignments", summary = "Long-poll the jobs a node should run")
    @GetMapping("/nodes/{name}/assignments")
    DeferredResult<Assignments> assignments(@PathVariable String name, @RequestParam(required = false) Long after,
                                            @RequestParam(defaultValue = "25") int waitSeconds) {
        nodes.requireExists(name);
        if (waitSeconds < 0 || waitSeconds > MAX_WAIT_SECONDS) {
            throw ApiException.invalid("waitSeconds", "waitSeconds=" + waitSeconds + " must be between 0 and "
                    + MAX_WAIT_SECONDS);
        }
        return assignments.await(name, after == null ? -1 : after, Duration.ofSeconds(waitSeconds));
    }

    /** The node's agent has prepared for the job; the launcher starts mpirun once every node has said so. */
    @Operation(operationId = "reportReady", summary = "A node is prepared for a job")
    @PostMapping("/jobs/{id}/ready")
    void ready(@PathVariable long id, @RequestBody Readiness readiness) {
        jobs.requireExists(id);
        assignments.markReady(id, readiness.node());
    }

    @Operation(operationId = "reportStatus", summary = "A job's state change or progress")
    @PostMapping("/jobs/{id}/status")
    void report(@PathVariable long id, @RequestBody JobReport report) {
        if (report.iteration() != null && report.iteration() < 0) {
            throw ApiException.invalid("iteration", "iteration=" + report.iteration() + " must be at least 0");
        }
        lifecycle.report(id, report.status(), report.iteration(), report.reason());
    }

    @Operation(operationId = "sendMetrics", summary = "A numbered batch of metric points")
    @PostMapping("/jobs/{id}/metrics")
    MetricBatchReceipt metrics(@PathVariable long id, @RequestBody MetricBatch batch) {
        return metrics.ingest(id, batch);
    }
}
