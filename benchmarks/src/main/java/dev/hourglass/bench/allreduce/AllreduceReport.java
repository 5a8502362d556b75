package dev.hourglass.bench.allreduce;

import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.LineChart;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The allreduce measurements as the runner's report: one row per measurement, the chart, and the goal's verdict. */
final class AllreduceReport {

    static final String MPI_NATIVE = "mpi-native";
    /** What every run times, in this order; the names are the trainer's (and the benchmark main's "hierarchical"). */
    static final List<String> ALGORITHMS = List.of("halving-doubling", "binary-blocks", "ring", MPI_NATIVE, "hierarchical");
    /** Slower than MPI by at most this factor still matches it: runs on these shared cores vary by more. */
    static final double MATCH_TOLERANCE = 1.05;

    static final List<String> COLUMNS = List.of("algorithm", "environment", "ranks", "bytes", "size", "seconds",
            "busBandwidth", "memoryBandwidthRatio", "chosen");

    private AllreduceReport() {
    }

    /**
     * @param measurements      both runs' at every rank count
     * @param memoryBandwidth   STREAM-like copy over all cores, GB/s read plus written
     * @param machineFindings   how the machine was shared, for the findings
     */
    static BenchmarkReport of(List<Measurement> measurements, double memoryBandwidth, List<String> machineFindings) {
        List<Measurement> ordered = measurements.stream()
                .sorted(Comparator.comparingInt(Measurement::ranks).thenComparing(Measurement::environment)
                        .thenComparingLong(Measurement::bytes).thenComparingInt(m -> order(m.algorithm())))
                .toList();
        List<List<Object>> rows = new ArrayList<>();
        for (Measurement m : ordered) {
            rows.add(List.of(m.algorithm(), m.environment(), m.ranks(), m.bytes(), sizeLabel(m.bytes()), round(m.seconds()),
                    round(m.busBandwidth()), round(m.busBandwidth() / memoryBandwidth), m.algorithm().equals(m.choice())));
        }
        List<String> findings = new ArrayList<>(machineFindings);
        findings.add(String.format(Locale.ROOT, "busBandwidth = 2(p-1)/p x bytes / seconds in GB/s (seconds: median"
                + " of the slowest rank's call); memoryBandwidthRatio = busBandwidth / %.1f GB/s, this machine's"
                + " STREAM-like copy over all cores (bytes read + written)", memoryBandwidth));
        findings.addAll(goalFindings(ordered));
        return new BenchmarkReport(COLUMNS, rows,
                new LineChart("Allreduce bus bandwidth", "bytes", "buffer size (bytes, log scale)", List.of("busBandwidth"),
                        "bus bandwidth (GB/s)", "algorithm").inPanelsBy("ranks", "environment").withLogarithmicX(),
                findings);
    }

    /**
     * Per rank count: where Open MPI's own is chosen (equal to it by definition), and elsewhere the chosen algorithm's
     * time over Open MPI's in the same run, as installed and with the malloc fix; then the verdict over all of them.
     */
    static List<String> goalFindings(List<Measurement> measurements) {
        Map<Integer, List<Measurement>> byRanks = measurements.stream()
                .collect(Collectors.groupingBy(Measurement::ranks, TreeMap::new, Collectors.toList()));
        List<String> findings = new ArrayList<>();
        Map<String, Double> worst = new TreeMap<>();
        for (Map.Entry<Integer, List<Measurement>> entry : byRanks.entrySet()) {
            List<String> nativeSizes = new ArrayList<>();
            List<String> others = new ArrayList<>();
            Map<Long, String> choices = new TreeMap<>();
            entry.getValue().forEach(m -> choices.put(m.bytes(), m.choice()));
            for (Map.Entry<Long, String> choice : choices.entrySet()) {
                if (choice.getValue().equals(MPI_NATIVE)) {
                    nativeSizes.add(sizeLabel(choice.getKey()));
                    continue;
                }
                List<String> ratios = new ArrayList<>();
                for (String environment : List.of(Measurement.INSTALLED, Measurement.MALLOC_FIX)) {
                    Optional<Double> ratio = ratio(entry.getValue(), environment, choice.getKey(), choice.getValue());
                    ratio.ifPresent(r -> {
                        worst.merge(environment, r, Math::max);
                        ratios.add(String.format(Locale.ROOT, "%.2fx Open MPI's time %s", r, run(environment)));
                    });
                }
                others.add(choice.getValue() + " at " + sizeLabel(choice.getKey()) + ": " + String.join(", ", ratios));
            }
            findings.add(entry.getKey() + " ranks: " + String.join("; ", Stream.concat(
                    nativeSizes.isEmpty() ? Stream.empty() : Stream.of(MPI_NATIVE + " chosen at " + String.join(", ", nativeSizes)),
                    others.stream()).toList()));
        }
        findings.add(String.format(Locale.ROOT, "goal, the chosen algorithm at least matches MPI_Allreduce at every size"
                        + " (within %.0f%%): %s", (MATCH_TOLERANCE - 1) * 100, worst.isEmpty()
                        ? "MET: Open MPI's own is chosen everywhere"
                        : worst.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s against Open MPI %s (at worst"
                                        + " %.2fx its time)", e.getValue() <= MATCH_TOLERANCE ? "MET" : "MISSED", run(e.getKey()),
                                e.getValue()))
                        .collect(Collectors.joining(", "))));
        return findings;
    }

    private static String run(String environment) {
        return environment.equals(Measurement.INSTALLED) ? "as installed" : "with the malloc fix";
    }

    /** The chosen algorithm's time over Open MPI's at one size of one run, where the run has both. */
    private static Optional<Double> ratio(List<Measurement> sameRanks, String environment, long bytes, String chosen) {
        Optional<Measurement> mine = find(sameRanks, environment, bytes, chosen);
        Optional<Measurement> mpi = find(sameRanks, environment, bytes, MPI_NATIVE);
        return mine.isPresent() && mpi.isPresent() ? Optional.of(mine.get().seconds() / mpi.get().seconds()) : Optional.empty();
    }

    private static Optional<Measurement> find(List<Measurement> sameRanks, String environment, long bytes, String algorithm) {
        return sameRanks.stream().filter(m -> m.environment().equals(environment) && m.bytes() == bytes
                && m.algorithm().equals(algorithm)).findFirst();
    }

    private static int order(String algorithm) {
        int index = ALGORITHMS.indexOf(algorithm);
        return index < 0 ? ALGORITHMS.size() : index;
    }

    /** 4096 -> "4 KB", 104857600 -> "100 MB" (binary multiples, as the sizes are chosen). */
    static String sizeLabel(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return bytes / (1 << 20) + " MB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return bytes / (1 << 10) + " KB";
        }
        return bytes + " B";
    }

    /** Four significant digits: more would be noise. */
    private static double round(double value) {
        return value == 0 || !Double.isFinite(value) ? value
                : new BigDecimal(value).round(new MathContext(4)).doubleValue();
    }
}
