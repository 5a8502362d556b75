package dev.hourglass.scheduler;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one pass: every queued job is either placed or waiting with a reason.
 * Both are in scheduling order (priority, then submission, then id).
 */
public record SchedulingDecision(List<Placement> placements, Map<Long, WaitReason> waiting) {

    public SchedulingDecision {
        placements = List.copyOf(placements);
        // A LinkedHashMap rather than Map.copyOf: the iteration order must not change between JVM runs.
        waiting = Collections.unmodifiableMap(new LinkedHashMap<>(waiting));
    }
}
