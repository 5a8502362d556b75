package dev.hourglass.protocol;

import java.util.List;

/**
 * Everything a node should be running now: {@code GET /api/v1/agent/nodes/{name}/assignments}. The agent
 * starts what is new and stops what is gone (a cancelled job simply disappears from the list).
 *
 * @param version changes whenever the list does; pass it back as {@code ?after=} to wait for the next change
 */
public record Assignments(long version, List<Assignment> jobs) {
}
