package dev.hourglass.scheduler;

import java.util.List;

/** The nodes held in this pass for the first job that could not be placed, so later jobs cannot delay it. */
record Reservation(QueuedJob job, List<String> nodes) {

    Reservation {
        nodes = List.copyOf(nodes);
    }
}
