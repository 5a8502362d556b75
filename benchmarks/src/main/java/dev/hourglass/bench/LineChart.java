package dev.hourglass.bench;

import java.util.List;
import java.util.stream.Stream;

/**
 * A line chart of report columns: one series per {@code yColumns} entry against {@code xColumn}, and, with a
 * {@code groupColumn}, one per distinct value of that column (rows measured under different settings).
 */
public record LineChart(String title, String xColumn, String xAxisTitle, List<String> yColumns, String yAxisTitle,
                        String groupColumn) {

    public LineChart {
        if (yColumns.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' plots no series; name at least one y column");
        }
        yColumns = List.copyOf(yColumns);
    }

    public LineChart(String title, String xColumn, String xAxisTitle, List<String> yColumns, String yAxisTitle) {
        this(title, xColumn, xAxisTitle, yColumns, yAxisTitle, null);
    }

    List<String> columns() {
        return Stream.concat(Stream.concat(Stream.of(xColumn), yColumns.stream()),
                groupColumn == null ? Stream.empty() : Stream.of(groupColumn)).toList();
    }
}
