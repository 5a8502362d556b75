package dev.hourglass.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Why a job failed, in words for its user: the worker's own {@code FAILURE:} line when it wrote one (e.g. the
 * rank and step of a collective that timed out), else mpirun's exit status and the log's last lines.
 */
final class FailureReason {

    static final String MARKER = "FAILURE:";
    private static final int TAIL_LINES = 3;
    private static final int MAX_LENGTH = 1_000;

    private FailureReason() {
    }

    static String from(Path log, int exitStatus) {
        List<String> lines;
        try {
            lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            lines = List.of();
        }
        for (int i = lines.size() - 1; i >= 0; i--) {
            int marker = lines.get(i).indexOf(MARKER);
            if (marker >= 0) {
                return clip(lines.get(i).substring(marker + MARKER.length()).trim());
            }
        }
        List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return clip("the workers exited with status " + exitStatus + (tail.isEmpty() ? "" : "; last output: "
                + String.join(" | ", tail)) + " (full log: " + log + ")");
    }

    private static String clip(String text) {
        return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
    }
}
