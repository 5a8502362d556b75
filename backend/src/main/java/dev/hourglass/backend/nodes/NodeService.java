package dev.hourglass.backend.nodes;

import dev.hourglass.backend.system.ApiException;
import java.time.Duration;
import java.time.Instant;
import dev.hourglass.backend.security.HourglassPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The node inventory: registrations, heartbeats, drains, and the per-GPU picture. */
@Service
public class NodeService {

    /** Big Basin servers: the scheduler places jobs on nodes of up to 8 GPUs. */
    public static final int MAX_GPUS_PER_NODE = dev.hourglass.scheduler.NodeCapacity.GPUS_PER_NODE;

    private final NodeRepository nodes;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    public NodeService(NodeRepository nodes, JdbcClient jdbc, ApplicationEventPublisher events) {
        this.nodes = nodes;
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Published when a node can take work it could not before. */
    public record CapacityChanged(String node) {
    }

    public enum GpuState { FREE, ALLOCATED }

    /** The job, its name and its team are shown to admins and to the job's team; to others, only that it is held. */
    public record GpuView(int index, GpuState state, Long jobId, String jobName, String team) {

        public boolean held() {
            return state == GpuState.ALLOCATED;
        }
    }

    /** @param gpuMemoryMib each GPU's memory, null for CPU devices */
    public record NodeView(String name, NodeState state, int gpuCount, String gpuModel, Integer gpuMemoryMib,
                           String address,
                           Instant registeredAt, Instant lastHeartbeatAt, double heartbeatAgeSeconds,
                           int freeGpus, List<GpuView> gpus) {
    }

    /** Every node, as {@code caller} may see it: other teams' jobs on it stay anonymous to a member. */
    public List<NodeView> list(HourglassPrincipal caller) {
        Map<Long, Map<Integer, GpuHolder>> holders = liveHolders();
        Instant now = Instant.now();
        return nodes.findAllByOrderByName().stream()
                .map(node -> view(node, holders.getOrDefault(node.getId(), Map.of()), now, caller::canAccessTeam))
                .toList();
    }

    public NodeView get(String name, HourglassPrincipal caller) {
        Node node = find(name);
        return current(node, caller::canAccessTeam);
    }

    @Transactional
    public NodeView register(String name, int gpuCount, String gpuModel, Integer gpuMemoryMib, String address) {
        Instant now = Instant.now();
        Node node = nodes.findByName(name).orElse(null);
        if (node == null) {
            node = nodes.save(new Node(name, gpuCount, gpuModel, gpuMemoryMib, address));
        } else {
            node.registered(gpuCount, gpuModel, gpuMemoryMib, address, now);
        }
        events.publishEvent(new CapacityChanged(name));
        return view(node, Map.of(), now, team -> true);
    }

    @Transactional
    public void heartbeat(String name) {
        find(name).heartbeat(Instant.now());
    }

    @Transactional
    public NodeView drain(String name) {
        Node node = find(name);
        if (node.getState() == NodeState.LOST) {
            throw ApiException.conflict("node '" + name + "' is LOST; it can be drained once its agent is back");
        }
        node.setState(NodeState.DRAINING);
        return current(node, team -> true);
    }

    @Transactional
    public NodeView undrain(String name) {
        Node node = find(name);
        if (node.getState() != NodeState.DRAINING) {
            throw ApiException.conflict("node '" + name + "' is " + node.getState() + ", not DRAINING");
        }
        node.setState(NodeState.READY);
        events.publishEvent(new CapacityChanged(name));
        return current(node, team -> true);
    }

    public void requireExists(String name) {
        find(name);
    }

    private Node find(String name) {
        return nodes.findByName(name).orElseThrow(() -> ApiException.notFound("no node '" + name + "'"));
    }

    /** {@code node} as it is now, its GPUs' holders named where {@code teamVisible} allows. */
    private NodeView current(Node node, LongPredicate teamVisible) {
        return view(node, liveHolders().getOrDefault(node.getId(), Map.of()), Instant.now(), teamVisible);
    }

    private Map<Long, Map<Integer, GpuHolder>> liveHolders() {
        return jdbc.sql("""
                        select a.node_id, a.gpu_index, j.id, j.name, t.id, t.name from gpu_allocations a
                        join jobs j on j.id = a.job_id join teams t on t.id = a.team_id where a.released_at is null""")
                .query((rs, i) -> new GpuHolder(rs.getLong(1), rs.getInt(2), rs.getLong(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6)))
                .list().stream().collect(Collectors.groupingBy(GpuHolder::nodeId,
                        Collectors.toMap(GpuHolder::gpu, holder -> holder)));
    }

    private static NodeView view(Node node, Map<Integer, GpuHolder> held, Instant now, LongPredicate teamVisible) {
        List<GpuView> gpus = new ArrayList<>();
        for (int index = 0; index < node.getGpuCount(); index++) {
            GpuHolder holder = held.get(index);
            gpus.add(holder == null ? new GpuView(index, GpuState.FREE, null, null, null)
                    : teamVisible.test(holder.teamId())
                    ? new GpuView(index, GpuState.ALLOCATED, holder.jobId(), holder.jobName(), holder.team())
                    : new GpuView(index, GpuState.ALLOCATED, null, null, null));
        }
        double age = Duration.between(node.getLastHeartbeatAt(), now).toMillis() / 1000.0;
        return new NodeView(node.getName(), node.getState(), node.getGpuCount(), node.getGpuModel(),
                node.getGpuMemoryMib(), node.getAddress(),
                node.getRegisteredAt(), node.getLastHeartbeatAt(), Math.max(0, age), node.getGpuCount() - held.size(),
                gpus);
    }
}
