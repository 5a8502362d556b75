package dev.hourglass.protocol;

/**
 * An agent announcing its node: {@code POST /api/v1/agent/nodes}.
 *
 * @param address where the launcher's {@code mpirun} reaches this node (host name or IP)
 */
public record NodeRegistration(String name, Integer gpuCount, String gpuModel, String address) {
}
