package dev.hourglass.scheduler;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A node as the scheduler sees it.
 *
 * @param freeGpus indices of GPUs not held by any job
 * @param schedulable false for DRAINING and LOST nodes: they never get placements
 */
public record NodeCapacity(String name, int gpuCount, SortedSet<Integer> freeGpus, boolean schedulable) {

    /** Big Basin style: multi-node jobs take whole nodes of this size. */
    public static final int GPUS_PER_NODE = 8;

    public NodeCapacity {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a node needs a name, got " + (name == null ? "null" : "a blank one"));
        }
        if (gpuCount < 1 || gpuCount > GPUS_PER_NODE) {
            throw new IllegalArgumentException("node " + name + " has gpuCount=" + gpuCount
                    + "; a node has 1 to " + GPUS_PER_NODE + " GPUs");
        }
        if (freeGpus == null) {
            throw new IllegalArgumentException("node " + name + " has freeGpus=null; pass an empty set when every GPU is busy");
        }
        for (Integer gpu : freeGpus) {
            if (gpu == null || gpu < 0 || gpu >= gpuCount) {
                throw new IllegalArgumentException("node " + name + " lists free GPU " + gpu
                        + "; its GPUs are numbered 0 to " + (gpuCount - 1));
            }
        }
        freeGpus = Collections.unmodifiableSortedSet(new TreeSet<>(freeGpus));
    }
}
