package dev.hourglass.backend.agents;

import dev.hourglass.backend.jobs.JobService;
import dev.hourglass.backend.jobs.JobStatus;
import dev.hourglass.backend.nodes.NodeService;
import dev.hourglass.backend.nodes.NodeService.NodeView;
import dev.hourglass.backend.system.ApiException;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What trainer agents call, with the agent token: registration, heartbeats, job state. */
@RestController
@RequestMapping("/api/v1/agent")
public class AgentController {

    static final Pattern NODE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final NodeService nodes;
    private final JobService jobs;

    public AgentController(NodeService nodes, JobService jobs) {
        this.nodes = nodes;
        this.jobs = jobs;
    }

    public record Registration(String name, Integer gpuCount, String gpuModel, String address) {
    }

    public record JobReport(JobStatus status, Long iteration, String reason) {
    }

    @PostMapping("/nodes")
    NodeView register(@RequestBody Registration registration) {
        if (registration.name() == null || !NODE_NAME.matcher(registration.name()).matches()) {
            throw ApiException.invalid("name", "node name '" + registration.name() + "' must be 1-100 letters,"
                    + " digits, '.', '_' or '-'");
        }
        if (registration.gpuCount() == null || registration.gpuCount() < 1
                || registration.gpuCount() > NodeService.MAX_GPUS_PER_NODE) {
            throw ApiException.invalid("gpuCount", "gpuCount=" + registration.gpuCount() + " must be between 1 and "
                    + NodeService.MAX_GPUS_PER_NODE);
        }
        String model = registration.gpuModel() == null || registration.gpuModel().isBlank() ? "unknown"
                : registration.gpuModel();
        return nodes.register(registration.name(), registration.gpuCount(), model, registration.address());
    }

    @PostMapping("/nodes/{name}/heartbeat")
    void heartbeat(@PathVariable String name) {
        nodes.heartbeat(name);
    }

    @PostMapping("/jobs/{id}/status")
    void report(@PathVariable long id, @RequestBody JobReport report) {
        if (report.iteration() != null && report.iteration() < 0) {
            throw ApiException.invalid("iteration", "iteration=" + report.iteration() + " must be at least 0");
        }
        jobs.report(id, report.status(), report.iteration(), report.reason());
    }
}
