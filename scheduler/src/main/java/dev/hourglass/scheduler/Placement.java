package dev.hourglass.scheduler;

import java.util.List;

/** A job started on these GPUs, listed by node name, then GPU index. */
public record Placement(long jobId, List<GpuSlot> gpus) {

    public Placement {
        if (gpus == null || gpus.isEmpty()) {
            throw new IllegalArgumentException("placement of job " + jobId + " lists no GPUs; a placement holds at least one");
        }
        gpus = List.copyOf(gpus);
    }
}
