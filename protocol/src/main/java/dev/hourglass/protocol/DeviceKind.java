package dev.hourglass.protocol;

/**
 * What a node's devices are: GPUs, on which the worker runs ND4J's CUDA backend (the agent built with
 * {@code -Pcuda}), or CPU "devices", replica threads on ND4J's CPU backend.
 */
public enum DeviceKind {
    CPU,
    GPU
}
