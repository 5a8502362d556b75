package dev.hourglass.bench.scaling;

import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training error against epochs, each curve the mean over seeds in quarter-epoch windows: the paper's Figure 2
 * (the baseline beside linear scaling with gradual warmup at the claim's kn and at the largest kn that held), and the
 * ablations beside them at the kn they ran at (Table 2c's settings over time).
 */
final class TrainingCurves {

    static final int POINTS_PER_EPOCH = 4;

    private TrainingCurves() {
    }

    /** The file names written into {@code dir}. */
    static List<String> write(ScalingStudy study, List<ArmSummary> summaries, int ablationMultiple, Path dir)
            throws IOException {
        List<String> files = new ArrayList<>();
        ArmSummary baseline = PaperClaims.find(summaries, Rule.BASELINE, 1).orElseThrow();
        Set<Integer> overlaid = new LinkedHashSet<>(List.of(study.claimMultiple(), ablationMultiple));
        for (int multiple : overlaid) {
            Optional<ArmSummary> linear = PaperClaims.find(summaries, Rule.LINEAR_GRADUAL_WARMUP, multiple);
            if (linear.isPresent()) {
                String name = "figure2-kn" + linear.get().arm().kn() + ".png";
                save(chart(study, "Figure 2: baseline against kn=" + linear.get().arm().kn() + " (" + multiple
                        + "x), training error, mean over seeds", List.of(baseline, linear.get())), dir, name);
                files.add(name);
            }
        }
        List<ArmSummary> ablations = new ArrayList<>(List.of(baseline));
        for (Rule rule : List.of(Rule.LINEAR_GRADUAL_WARMUP, Rule.LINEAR_NO_WARMUP, Rule.LINEAR_CONSTANT_WARMUP,
                Rule.SQRT_SCALING, Rule.NO_SCALING)) {
            PaperClaims.find(summaries, rule, ablationMultiple).ifPresent(ablations::add);
        }
        if (ablations.size() > 2) {
            String name = "ablations-kn" + study.baselineKn() * ablationMultiple + ".png";
            save(chart(study, "Table 2c over time: the rules at kn=" + study.baselineKn() * ablationMultiple
                    + ", training error, mean over seeds", ablations), dir, name);
            files.add(name);
        }
        return files;
    }

    private static void save(XYChart chart, Path dir, String name) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static XYChart chart(ScalingStudy study, String title, List<ArmSummary> curves) {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title)
                .xAxisTitle("epochs").yAxisTitle("training error (%)").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0).setXAxisMin(0.0).setXAxisMax((double) study.epochs());
        // below the plot: a legend at the side narrows the plot, and xchart then cuts the title at the left
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        for (ArmSummary summary : curves) {
            List<Double> curve = summary.trainingErrorCurve(POINTS_PER_EPOCH);
            double[] x = new double[curve.size()];
            double[] y = new double[curve.size()];
            for (int i = 0; i < curve.size(); i++) {
                x[i] = (i + 0.5) / POINTS_PER_EPOCH;
                y[i] = 100 * curve.get(i);
            }
            chart.addSeries(summary.arm().label() + " (" + summary.runs().size() + " seed"
                    + (summary.runs().size() == 1 ? ")" : "s)"), x, y).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
