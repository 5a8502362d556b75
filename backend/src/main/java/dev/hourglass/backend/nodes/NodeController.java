package dev.hourglass.backend.nodes;

import dev.hourglass.backend.nodes.NodeService.NodeView;
import dev.hourglass.backend.security.HourglassPrincipal;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/nodes")
public class NodeController {

    private final NodeService nodes;

    public NodeController(NodeService nodes) {
        this.nodes = nodes;
    }

    @GetMapping
    List<NodeView> list(@AuthenticationPrincipal HourglassPrincipal caller) {
        return nodes.list(caller);
    }

    @GetMapping("/{name}")
    NodeView get(@PathVariable String name, @AuthenticationPrincipal HourglassPrincipal caller) {
        return nodes.get(name, caller);
    }

    /** Admin: the node keeps its running jobs but takes no new ones. */
    @PostMapping("/{name}/drain")
    NodeView drain(@PathVariable String name) {
        return nodes.drain(name);
    }

    @PostMapping("/{name}/undrain")
    NodeView undrain(@PathVariable String name) {
        return nodes.undrain(name);
    }
}
