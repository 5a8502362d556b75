package dev.hourglass.backend.nodes;

import dev.hourglass.backend.nodes.NodeService.NodeView;
import dev.hourglass.backend.security.HourglassPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "nodes", description = "The cluster: nodes and their GPUs")
@RestController
@RequestMapping("/api/v1/nodes")
public class NodeController {

    private final NodeService nodes;

    public NodeController(NodeService nodes) {
        this.nodes = nodes;
    }

    @Operation(operationId = "listNodes", summary = "List nodes with per-GPU state")
    @GetMapping
    List<NodeView> list(@AuthenticationPrincipal HourglassPrincipal caller) {
        return nodes.list(caller);
    }

    @ApiResponse(responseCode = "404", description = "no such node")
    @ApiResponse(responseCode = "200", description = "the node")
    @Operation(operationId = "getNode", summary = "Get a node")
    @GetMapping("/{name}")
    NodeView get(@PathVariable String name, @AuthenticationPrincipal HourglassPrincipal caller) {
        return nodes.get(name, caller);
    }

    /** Admin: the node keeps its running jobs but takes no new ones. */
    @ApiResponse(responseCode = "404", description = "no such node")
    @ApiResponse(responseCode = "200", description = "the node, draining")
    @Operation(operationId = "drainNode", summary = "Drain a node (admin): no new jobs")
    @PostMapping("/{name}/drain")
    NodeView drain(@PathVariable String name) {
        return nodes.drain(name);
    }

    @ApiResponse(responseCode = "404", description = "no such node")
    @ApiResponse(responseCode = "200", description = "the node, ready")
    @Operation(operationId = "undrainNode", summary = "Undrain a node (admin)")
    @PostMapping("/{name}/undrain")
    NodeView undrain(@PathVariable String name) {
        return nodes.undrain(name);
    }
}
