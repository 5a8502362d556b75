package dev.hourglass.bench.step;

import dev.hourglass.bench.BenchmarkReport;
import dev.hourglass.bench.LineChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The step benchmark's table, chart and verdict on the goal: under 10% overhead over DL4J's fit on one rank. */
final class StepReport {

    static final double GOAL_OVERHEAD = 0.10;
    static final List<String> COLUMNS = List.of("model", "image", "batch", "replicas", "algorithm", "ranks", "bytes",
            "dataS", "computeS", "reduceS", "updateS", "seconds", "iterationS", "imagesPerS", "overheadVsFit",
            "busBandwidth");

    private StepReport() {
    }

    static BenchmarkReport of(List<StepMeasurement> measurements) {
        List<List<Object>> rows = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        for (StepMeasurement m : measurements) {
            double fit = fitOf(measurements, m);
            double overhead = m.mode().equals(StepMeasurement.FIT) ? 0 : m.step() / fit - 1;
            // one rank: nothing crosses a network, so no bus bandwidth (the allreduce benchmark measures that)
            rows.add(List.of(m.model(), m.imageSize(), m.batch(), m.replicas(), m.mode(), 1, m.gradientBytes(), m.data(),
                    m.compute(), m.reduce(), m.update(), m.step(), m.iteration(), m.batch() / m.step(), overhead, 0.0));
            if (m.mode().equals(StepMeasurement.TRAINER)) {
                findings.add(String.format(Locale.ROOT, "%s %dx%d, batch %d on %d replica(s): step %.3f s (compute %.3f,"
                                + " reduce %.4f, update %.4f; with data loading %.3f) against DL4J's fit %.3f s: %+.1f%% -> %s",
                        m.model(), m.imageSize(), m.imageSize(), m.batch(), m.replicas(), m.step(), m.compute(),
                        m.reduce(), m.update(), m.iteration(), fit, 100 * overhead, m.replicas() == 1
                                ? (overhead < GOAL_OVERHEAD ? "goal (under 10% overhead on one rank) met"
                                : "goal (under 10% overhead on one rank) missed")
                                : "the batch split over replica threads sharing the cores"));
            }
        }
        findings.add("DL4J's fit: the same network with Nesterov momentum 0.9 and L2 1e-4, the whole batch on one device;"
                + " measured turn by turn with the trainer's steps; the trainer's step is compute + reduce + update, as fit is"
                + " given a loaded batch (iterationS adds the trainer's data loading)");
        LineChart chart = new LineChart("A training step on one rank: the trainer against DL4J's fit", "replicas",
                "replicas (device threads) on the rank", List.of("imagesPerS"), "images/s", "algorithm")
                .inPanelsBy("model");
        return new BenchmarkReport(COLUMNS, rows, chart, findings);
    }

    private static double fitOf(List<StepMeasurement> all, StepMeasurement m) {
        return all.stream().filter(o -> o.mode().equals(StepMeasurement.FIT) && o.model().equals(m.model())
                        && o.imageSize() == m.imageSize() && o.batch() == m.batch())
                .mapToDouble(StepMeasurement::step).findFirst()
                .orElseThrow(() -> new IllegalStateException("no dl4j-fit measurement for " + m));
    }
}
