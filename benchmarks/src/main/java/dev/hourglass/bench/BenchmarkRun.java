package dev.hourglass.bench;

import java.nio.file.Path;
import java.util.Map;

/** How a benchmark was asked to run: quick or not, where its report goes, and its own options. */
public record BenchmarkRun(boolean quick, Path outDir, Map<String, String> options) {

    /** Where reports go unless --out says otherwise. */
    public static final Path DEFAULT_OUT = Path.of("build-artifacts", "bench");

    public BenchmarkRun {
        options = Map.copyOf(options);
    }

    /** A positive decimal option, or {@code fallback} when not given. */
    public double decimal(String name, double fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value);
            if (!(parsed > 0) || Double.isInfinite(parsed)) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a number above 0, not '" + value + "'");
        }
    }

    /** A whole-number option, or {@code fallback} when not given. */
    public int integer(String name, int fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 1) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " needs a whole number of at least 1, not '" + value + "'");
        }
    }
}
