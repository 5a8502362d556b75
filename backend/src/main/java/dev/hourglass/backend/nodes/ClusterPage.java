package dev.hourglass.backend.nodes;

import dev.hourglass.backend.jobs.JobColour;
import dev.hourglass.backend.jobs.JobService;
import dev.hourglass.backend.jobs.JobView;
import dev.hourglass.backend.nodes.NodeService.GpuView;
import dev.hourglass.backend.nodes.NodeService.NodeView;
import dev.hourglass.backend.security.HourglassPrincipal;
import dev.hourglass.backend.system.ApiException;
import dev.hourglass.backend.system.DurationText;
import dev.hourglass.backend.system.PageController;
import dev.hourglass.protocol.JobStatus;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The cluster: every node's GPUs coloured by the job holding them, and the queue with each job's reason. */
@PageController
class ClusterPage {

    private final NodeService nodes;
    private final JobService jobs;

    ClusterPage(NodeService nodes, JobService jobs) {
        this.nodes = nodes;
        this.jobs = jobs;
    }

    /** A node as the page draws it; {@code state} adds "busy" (some GPU held) to the inventory's states. */
    public record NodeCard(NodeView node, String state, String heartbeatAge, List<GpuCell> gpus) {

        static NodeCard of(NodeView node) {
            String state = switch (node.state()) {
                case LOST -> "lost";
                case DRAINING -> "draining";
                case READY -> node.freeGpus() < node.gpuCount() ? "busy" : "ready";
            };
            String age = DurationText.of(Duration.ofMillis(Math.round(node.heartbeatAgeSeconds() * 1000)));
            return new NodeCard(node, state, age, node.gpus().stream().map(GpuCell::of).toList());
        }
    }

    /** {@code held} with no job: another team's, which a member does not see. */
    public record GpuCell(int index, boolean held, Long jobId, String jobName, String team, String colour) {

        static GpuCell of(GpuView gpu) {
            return new GpuCell(gpu.index(), gpu.held(), gpu.jobId(), gpu.jobName(), gpu.team(),
                    gpu.jobId() == null ? null : JobColour.of(gpu.jobId()));
        }
    }

    @GetMapping("/cluster")
    String cluster(@AuthenticationPrincipal HourglassPrincipal caller, Model model) {
        List<NodeCard> cards = nodes.list(caller).stream().map(NodeCard::of).toList();
        Map<Long, GpuCell> holders = new LinkedHashMap<>();
        cards.stream().flatMap(card -> card.gpus().stream()).filter(gpu -> gpu.jobId() != null)
                .forEach(gpu -> holders.putIfAbsent(gpu.jobId(), gpu));
        model.addAttribute("nodes", cards);
        model.addAttribute("holders", holders.values().stream().sorted(Comparator.comparing(GpuCell::jobId)).toList());
        model.addAttribute("gpusTotal", cards.stream().mapToInt(card -> card.node().gpuCount()).sum());
        model.addAttribute("gpusHeld", cards.stream().flatMap(card -> card.gpus().stream())
                .filter(GpuCell::held).count());
        model.addAttribute("queue", queue(caller));
        return "nodes/cluster";
    }

    @PostMapping("/cluster/nodes/{name}/drain")
    String drain(@PathVariable String name, RedirectAttributes flash) {
        return afterward(() -> nodes.drain(name), "Node " + name
                + " is draining: its jobs run on, no new ones start there.", flash);
    }

    @PostMapping("/cluster/nodes/{name}/undrain")
    String undrain(@PathVariable String name, RedirectAttributes flash) {
        return afterward(() -> nodes.undrain(name), "Node " + name + " takes new jobs again.", flash);
    }

    /** A refused drain (a LOST node, say) is a notice on the page, not an error page. */
    private static String afterward(Runnable action, String done, RedirectAttributes flash) {
        try {
            action.run();
            flash.addFlashAttribute("notice", done);
        } catch (ApiException e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/cluster";
    }

    /** The jobs the caller may see that wait, in the scheduler's order: priority, then submission. */
    private List<JobView> queue(HourglassPrincipal caller) {
        return jobs.list(null, JobStatus.QUEUED, 0, JobService.MAX_PAGE_SIZE, caller).items().stream()
                .sorted(Comparator.comparingInt(JobView::priority).reversed().thenComparing(JobView::submittedAt))
                .toList();
    }
}
