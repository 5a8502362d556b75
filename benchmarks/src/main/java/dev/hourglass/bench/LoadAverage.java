package dev.hourglass.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, which a benchmark's report gives beside its figures: this machine is shared. */
public final class LoadAverage {

    private LoadAverage() {
    }

    /** The 1, 5 and 15 minute load averages, e.g. "1.95 0.77 0.32", or "unknown" where the system does not say. */
    public static String now() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
