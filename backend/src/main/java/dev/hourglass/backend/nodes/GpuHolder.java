package dev.hourglass.backend.nodes;

/** A live allocation as the node view shows it: which job (and team) holds GPU {@code gpu} of a node. */
public record GpuHolder(long nodeId, int gpu, long jobId, String jobName, long teamId, String team) {
}
