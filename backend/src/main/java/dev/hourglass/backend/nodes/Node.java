package dev.hourglass.backend.nodes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A Big Basin-style server with its GPUs, as its trainer agent registered it. */
@Entity
@Table(name = "nodes")
public class Node {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true)
    private String name;

    @Column(name = "gpu_count", nullable = false)
    private int gpuCount;

    @Column(name = "gpu_model", nullable = false)
    private String gpuModel;

    @Column(name = "gpu_memory_mib")
    private Integer gpuMemoryMib;

    private String address;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NodeState state = NodeState.READY;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt = Instant.now();

    @Column(name = "last_heartbeat_at", nullable = false)
    private Instant lastHeartbeatAt = Instant.now();

    protected Node() {
    }

    public Node(String name, int gpuCount, String gpuModel, Integer gpuMemoryMib, String address) {
        this.name = name;
        this.gpuCount = gpuCount;
        this.gpuModel = gpuModel;
        this.gpuMemoryMib = gpuMemoryMib;
        this.address = address;
    }

    /** A registration: the agent (re)started, so the node is back unless an admin drained it. */
    public void registered(int gpus, String model, Integer memoryMib, String agentAddress, Instant now) {
        this.gpuCount = gpus;
        this.gpuModel = model;
        this.gpuMemoryMib = memoryMib;
        this.address = agentAddress;
        this.registeredAt = now;
        this.lastHeartbeatAt = now;
        if (state == NodeState.LOST) {
            state = NodeState.READY;
        }
    }

    public void heartbeat(Instant now) {
        lastHeartbeatAt = now;
        if (state == NodeState.LOST) {
            state = NodeState.READY;
        }
    }

    public Long getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public int getGpuCount() {
        return gpuCount;
    }

    public String getGpuModel() {
        return gpuModel;
    }

    public Integer getGpuMemoryMib() {
        return gpuMemoryMib;
    }

    public String getAddress() {
        return address;
    }

    public NodeState getState() {
        return state;
    }

    public void setState(NodeState state) {
        this.state = state;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public Instant getLastHeartbeatAt() {
        return lastHeartbeatAt;
    }
}
