package dev.hourglass.backend.nodes;

/** READY takes new jobs; DRAINING keeps its running jobs but takes no new ones; LOST missed its heartbeats. */
public enum NodeState {
    READY,
    DRAINING,
    LOST
}
