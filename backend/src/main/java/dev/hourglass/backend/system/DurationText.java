package dev.hourglass.backend.system;

import java.time.Duration;

/** A duration as people read it on a page: "42 s", "7 min", "3 h 20 min", "2 d 4 h". */
public final class DurationText {

    private DurationText() {
    }

    public static String of(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
        }
        return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
    }
}
