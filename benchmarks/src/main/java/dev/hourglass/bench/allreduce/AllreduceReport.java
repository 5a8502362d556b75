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

    /** Per rank count and run: the chosen algorithm's time against Open MPI's in the same run. */
    static List<String> goalFindings(List<Measurement> measurements) {
        Map<Integer, List<Measurement>> byRanks = measurements.stream()
                .collect(Collectors.groupingBy(Measurement::ranks, TreeMap::new, Collectors.toList()));
        List<String> findings = new ArrayList<>();
        Map<String, Boolean> met = new TreeMap<>();
        for (Map.Entry<Integer, List<Measurement>> entry : byRanks.entrySet()) {
            List<String> comparisons = new ArrayList<>();
            for (String environment : List.of(Measurement.INSTALLED, Measurement.MALLOC_FIX)) {
                List<Measurement> run = entry.getValue().stream().filter(m -> m.environment().equals(environment)).toList();
                if (run.isEmpty()) {
                    continue;
                }
                Ratio worst = worstRatio(run);
                met.merge(environment, worst.ratio() <= MATCH_TOLERANCE, Boolean::logicalAnd);
                comparisons.add(String.format(Locale.ROOT, "%.2fx %s (%s)", worst.ratio(), description(environment), worst.where()));
            }
            findings.add(String.format(Locale.ROOT, "%d ranks, chosen per size (%s): at worst %s", entry.getKey(),
                    choices(entry.getValue()), String.join(", ", comparisons)));
        }
        findings.add(String.format(Locale.ROOT, "goal, the chosen algorithm at least matches MPI_Allreduce at every size"
                        + " (within %.0f%%): %s", (MATCH_TOLERANCE - 1) * 100,
                met.entrySet().stream().map(e -> (e.getValue() ? "MET " : "MISSED ") + description(e.getKey()))
                        .collect(Collectors.joining(", "))));
        return findings;
    }

    private static String description(String environment) {
        return "against MPI_Allreduce " + (environment.equals(Measurement.INSTALLED) ? "as installed" : "with the malloc fix");
    }

    private record Ratio(double ratio, String where) {
    }

    /** The largest chosen / Open MPI time over one run's sizes, and at which size. */
    private static Ratio worstRatio(List<Measurement> run) {
        Ratio worst = new Ratio(0, "no sizes");
        for (Measurement chosen : run) {
            if (!chosen.algorithm().equals(chosen.choice())) {
                continue;
            }
            Optional<Measurement> mpi = run.stream()
                    .filter(m -> m.bytes() == chosen.bytes() && m.algorithm().equals(MPI_NATIVE)).findFirst();
            if (mpi.isPresent() && chosen.seconds() / mpi.get().seconds() > worst.ratio()) {
                worst = new Ratio(chosen.seconds() / mpi.get().seconds(), sizeLabel(chosen.bytes()) + ", " + chosen.algorithm());
            }
        }
        return worst;
    }

    private static String choices(List<Measurement> sameRanks) {
        Map<Long, String> choice = new TreeMap<>();
        sameRanks.forEach(m -> choice.put(m.bytes(), m.choice()));
        return choice.entrySet().stream().map(e -> sizeLabel(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "));
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
