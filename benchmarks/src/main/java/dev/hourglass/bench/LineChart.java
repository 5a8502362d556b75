package dev.hourglass.bench;

import java.util.List;
import java.util.stream.Stream;

/**
 * A line chart of report columns: one series per {@code yColumns} entry against {@code xColumn}, and, with a
 * {@code groupColumn}, one per distinct value of that column (rows measured under different settings). With
 * {@code panelColumns}, one chart per distinct value of one column (stacked), or of two (a grid: the first column's
 * values down, the second's across); {@code logarithmicX} for x values that span decades.
 */
public record LineChart(String title, String xColumn, String xAxisTitle, List<String> yColumns, String yAxisTitle,
                        String groupColumn, List<String> panelColumns, boolean logarithmicX) {

    public LineChart {
        if (yColumns.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' plots no series; name at least one y column");
        }
        if (panelColumns.size() > 2) {
            throw new IllegalArgumentException("chart '" + title + "' splits into panels by " + panelColumns
                    + "; a grid has two dimensions, so name one or two columns");
        }
        yColumns = List.copyOf(yColumns);
        panelColumns = List.copyOf(panelColumns);
    }

    public LineChart(String title, String xColumn, String xAxisTitle, List<String> yColumns, String yAxisTitle,
                     String groupColumn) {
        this(title, xColumn, xAxisTitle, yColumns, yAxisTitle, groupColumn, List.of(), false);
    }

    public LineChart(String title, String xColumn, String xAxisTitle, List<String> yColumns, String yAxisTitle) {
        this(title, xColumn, xAxisTitle, yColumns, yAxisTitle, null);
    }

    /** This chart drawn once per distinct value of one column, or of two (a grid). */
    public LineChart inPanelsBy(String... columns) {
        return new LineChart(title, xColumn, xAxisTitle, yColumns, yAxisTitle, groupColumn, List.of(columns), logarithmicX);
    }

    /** This chart with a logarithmic x axis. */
    public LineChart withLogarithmicX() {
        return new LineChart(title, xColumn, xAxisTitle, yColumns, yAxisTitle, groupColumn, panelColumns, true);
    }

    List<String> columns() {
        return Stream.of(Stream.of(xColumn), yColumns.stream(), Stream.ofNullable(groupColumn), panelColumns.stream())
                .flatMap(columns -> columns).toList();
    }
}
