package dev.hourglass.bench;

import java.util.List;
import java.util.stream.Stream;

/** A line chart of report columns: one series per {@code yColumns} entry against {@code xColumn}. */
public record LineChart(String title, String xColumn, String xAxisTitle, List<String> yColumns, String yAxisTitle) {

    public LineChart {
        if (yColumns.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' plots no series; name at least one y column");
        }
        yColumns = List.copyOf(yColumns);
    }

    List<String> columns() {
        return Stream.concat(Stream.of(xColumn), yColumns.stream()).toList();
    }
}
