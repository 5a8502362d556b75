package dev.hourglass.scheduler;

/** One GPU of one node: {@code gpu} is its index on the node, from 0. */
public record GpuSlot(String node, int gpu) {

    public GpuSlot {
        if (node == null || node.isBlank()) {
            throw new IllegalArgumentException("a GPU slot needs a node name, got " + (node == null ? "null" : "a blank one"));
        }
        if (gpu < 0) {
            throw new IllegalArgumentException("GPU index " + gpu + " on node " + node + " is negative; indices start at 0");
        }
    }
}
