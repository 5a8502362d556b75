package dev.hourglass.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes DIR/NAME.json (one object per row) and DIR/NAME.png (the report's chart). */
final class ReportFiles {

    static final int CHART_WIDTH = 800;
    static final int CHART_HEIGHT = 500;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    /** Returns the two files written. */
    static List<Path> write(String name, BenchmarkReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(name + ".json");
        Path png = dir.resolve(name + ".png");
        JSON.writeValue(json.toFile(), report.rowObjects());
        BitmapEncoder.saveBitmap(chart(report), png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return List.of(json, png);
    }

    static XYChart chart(BenchmarkReport report) {
        LineChart spec = report.chart();
        XYChart chart = new XYChartBuilder()
                .width(CHART_WIDTH).height(CHART_HEIGHT)
                .title(spec.title())
                .xAxisTitle(spec.xAxisTitle())
                .yAxisTitle(spec.yAxisTitle())
                .build();
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setYAxisMin(0.0);
        List<Double> x = report.column(spec.xColumn());
        List<Object> groups = spec.groupColumn() == null ? null : report.values(spec.groupColumn());
        for (String y : spec.yColumns()) {
            List<Double> values = report.column(y);
            if (groups == null) {
                chart.addSeries(y, x, values).setMarker(SeriesMarkers.CIRCLE);
                continue;
            }
            for (Object group : new java.util.LinkedHashSet<>(groups)) {
                List<Double> groupX = new java.util.ArrayList<>();
                List<Double> groupY = new java.util.ArrayList<>();
                for (int row = 0; row < groups.size(); row++) {
                    if (group.equals(groups.get(row))) {
                        groupX.add(x.get(row));
                        groupY.add(values.get(row));
                    }
                }
                chart.addSeries(y + " (" + spec.groupColumn() + "=" + group + ")", groupX, groupY)
                        .setMarker(SeriesMarkers.CIRCLE);
            }
        }
        return chart;
    }
}
