package dev.hourglass.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Writes DIR/NAME.json (one object per row) and DIR/NAME.png (the report's chart, or its panels in a grid). */
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
        List<List<XYChart>> grid = panels(report);
        if (grid.size() == 1 && grid.get(0).size() == 1) {
            BitmapEncoder.saveBitmap(grid.get(0).get(0), png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } else {
            int columns = grid.stream().mapToInt(List::size).max().orElse(1);
            BufferedImage image = new BufferedImage(CHART_WIDTH * columns, CHART_HEIGHT * grid.size(), BufferedImage.TYPE_INT_RGB);
            Graphics2D graphics = image.createGraphics();
            graphics.setColor(Color.WHITE);
            graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int row = 0; row < grid.size(); row++) {
                for (int column = 0; column < grid.get(row).size(); column++) {
                    XYChart panel = grid.get(row).get(column);
                    if (panel != null) {
                        graphics.drawImage(BitmapEncoder.getBufferedImage(panel), column * CHART_WIDTH, row * CHART_HEIGHT, null);
                    }
                }
            }
            graphics.dispose();
            ImageIO.write(image, "png", png.toFile());
        }
        return List.of(json, png);
    }

    /**
     * The panels in rows: one chart; or one per distinct value of the panel column, one per row; or, for two panel
     * columns, a row per value of the first and a column per value of the second (null where no row has that pair).
     */
    static List<List<XYChart>> panels(BenchmarkReport report) {
        LineChart spec = report.chart();
        if (spec.panelColumns().isEmpty()) {
            return List.of(List.of(chart(report, spec.title(), row -> true)));
        }
        List<Object> down = report.values(spec.panelColumns().get(0));
        List<Object> across = spec.panelColumns().size() == 2 ? report.values(spec.panelColumns().get(1)) : null;
        List<List<XYChart>> grid = new ArrayList<>();
        for (Object first : new LinkedHashSet<>(down)) {
            List<XYChart> row = new ArrayList<>();
            for (Object second : across == null ? List.of("") : new LinkedHashSet<>(across)) {
                IntPredicate inPanel = index -> first.equals(down.get(index)) && (across == null || second.equals(across.get(index)));
                boolean any = IntStream.range(0, down.size()).anyMatch(inPanel);
                String title = spec.title() + " (" + spec.panelColumns().get(0) + "=" + first
                        + (across == null ? "" : ", " + spec.panelColumns().get(1) + "=" + second) + ")";
                row.add(any ? chart(report, title, inPanel) : null);
            }
            grid.add(row);
        }
        return grid;
    }

    private static XYChart chart(BenchmarkReport report, String title, IntPredicate rowShown) {
        LineChart spec = report.chart();
        XYChart chart = new XYChartBuilder()
                .width(CHART_WIDTH).height(CHART_HEIGHT)
                .title(title)
                .xAxisTitle(spec.xAxisTitle())
                .yAxisTitle(spec.yAxisTitle())
                .build();
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setYAxisMin(0.0);
        // below the plot, not beside it: a legend at the side narrows the plot, and xchart then cuts a long title
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        List<Double> x = report.column(spec.xColumn());
        if (spec.logarithmicX()) {
            // xchart's own decade labels (1E4, 1E5): a custom label function would make it space the ticks linearly
            chart.getStyler().setXAxisLogarithmic(true);
            labelValuesWithinTwoDecades(chart, x);
        }
        List<Object> groups = spec.groupColumn() == null ? null : report.values(spec.groupColumn());
        for (String y : spec.yColumns()) {
            List<Double> values = report.column(y);
            if (groups == null) {
                addSeries(chart, y, x, values, rowShown);
                continue;
            }
            for (Object group : new LinkedHashSet<>(groups)) {
                addSeries(chart, y + " (" + spec.groupColumn() + "=" + group + ")", x, values,
                        row -> rowShown.test(row) && group.equals(groups.get(row)));
            }
        }
        return chart;
    }

    /**
     * Over less than two decades a logarithmic axis shows one decade label or none (kn = 2..16 shows only "10"), so
     * there each x value of the data is written just above the axis.
     */
    private static void labelValuesWithinTwoDecades(XYChart chart, List<Double> x) {
        valueLabelsWithinTwoDecades(x).forEach((value, label) -> chart.addAnnotation(new AnnotationText(label, value, 0,
                false)));
    }

    /** The labels of the distinct x values, in order; none where they span two decades or more. */
    static SortedMap<Double, String> valueLabelsWithinTwoDecades(List<Double> x) {
        SortedMap<Double, String> labels = new TreeMap<>();
        double min = x.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = x.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (min <= 0 || max / min >= 100) {
            return labels;
        }
        for (double value : x) {
            labels.put(value, value == Math.rint(value) ? Long.toString((long) value)
                    : String.format(Locale.ROOT, "%.3g", value));
        }
        return labels;
    }

    private static void addSeries(XYChart chart, String name, List<Double> x, List<Double> y, IntPredicate rowShown) {
        List<Double> seriesX = new ArrayList<>();
        List<Double> seriesY = new ArrayList<>();
        for (int row = 0; row < x.size(); row++) {
            if (rowShown.test(row)) {
                seriesX.add(x.get(row));
                seriesY.add(y.get(row));
            }
        }
        if (!seriesX.isEmpty()) {
            chart.addSeries(name, seriesX, seriesY).setMarker(SeriesMarkers.CIRCLE);
        }
    }
}
