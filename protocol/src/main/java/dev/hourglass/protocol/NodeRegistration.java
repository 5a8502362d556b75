package dev.hourglass.protocol;

/**
 * An agent announcing its node: {@code POST /api/v1/agent/nodes}.
 *
 * @param gpuMemoryMib each GPU's memory as {@code nvidia-smi} reports it (the smallest, should they differ); null
 *                     for CPU devices
 * @param address      where the launcher's {@code mpirun} reaches this node (host name or IP)
 */
public record NodeRegistration(String name, Integer gpuCount, String gpuModel, Integer gpuMemoryMib, String address) {
}
