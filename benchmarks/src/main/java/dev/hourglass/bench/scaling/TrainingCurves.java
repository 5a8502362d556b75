package dev.hourglass.bench.scaling;

import dev.hourglass.bench.scaling.ScalingStudy.Rule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training error against epochs, the baseline beside a large minibatch (the paper's Figure 2): one PNG per
 * multiple, with the largest one's ablations too; each curve is the mean over seeds in quarter-epoch windows.
 */
final class TrainingCurves {

    static final int POINTS_PER_EPOCH = 4;

    private TrainingCurves() {
    }

    /** The file names written into {@code dir}, one per multiple. */
    static List<String> write(ScalingStudy study, List<ArmSummary> summaries, Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        ArmSummary baseline = PaperClaims.find(summaries, Rule.BASELINE, 1).orElseThrow();
        for (int multiple : study.multiples()) {
            List<ArmSummary> curves = new ArrayList<>(List.of(baseline));
            PaperClaims.find(summaries, Rule.LINEAR_GRADUAL_WARMUP, multiple).ifPresent(curves::add);
            if (multiple == study.largestMultiple()) {
                for (Rule ablation : List.of(Rule.LINEAR_NO_WARMUP, Rule.NO_SCALING, Rule.SQRT_SCALING)) {
                    PaperClaims.find(summaries, ablation, multiple).ifPresent(curves::add);
                }
            }
            if (curves.size() < 2) {
                continue;
            }
            String name = "scaling-training-error-kn" + baseline.arm().kn() * multiple + ".png";
            BitmapEncoder.saveBitmap(chart(study, multiple, curves), dir.resolve(name).toString(),
                    BitmapEncoder.BitmapFormat.PNG);
            files.add(name);
        }
        return files;
    }

    private static XYChart chart(ScalingStudy study, int multiple, List<ArmSummary> curves) {
        XYChart chart = new XYChartBuilder().width(800).height(500)
                .title(String.format("Training error: baseline kn=%d against %dx (kn=%d), mean of %d seed(s)",
                        study.baselineKn(), multiple, study.baselineKn() * multiple, study.seeds()))
                .xAxisTitle("epochs").yAxisTitle("training error (%)").build();
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0).setXAxisMin(0.0).setXAxisMax((double) study.epochs());
        for (ArmSummary summary : curves) {
            List<Double> curve = summary.trainingErrorCurve(POINTS_PER_EPOCH);
            double[] x = new double[curve.size()];
            double[] y = new double[curve.size()];
            for (int i = 0; i < curve.size(); i++) {
                x[i] = (i + 0.5) / POINTS_PER_EPOCH;
                y[i] = 100 * curve.get(i);
            }
            chart.addSeries(summary.arm().label(), x, y).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }
}
