package dev.hourglass.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark measured: a table (one row per measurement), the chart to draw from it, and
 * findings in plain sentences (e.g. whether a goal was met).
 */
public record BenchmarkReport(List<String> columns, List<List<Object>> rows, LineChart chart, List<String> findings) {

    public BenchmarkReport {
        columns = List.copyOf(columns);
        rows = rows.stream().map(row -> List.copyOf(row)).toList();
        findings = List.copyOf(findings);
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " values; the report has "
                        + columns.size() + " columns " + columns);
            }
        }
        for (String column : chart.columns()) {
            if (!columns.contains(column)) {
                throw new IllegalArgumentException("chart plots column '" + column + "', which is not one of " + columns);
            }
        }
    }

    /** The rows as objects keyed by column name, in column order: the JSON written beside the chart. */
    public List<Map<String, Object>> rowObjects() {
        List<Map<String, Object>> objects = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                object.put(columns.get(i), row.get(i));
            }
            objects.add(object);
        }
        return objects;
    }

    /** The values of one column as they are, top to bottom. */
    public List<Object> values(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; the report has " + columns);
        }
        return rows.stream().map(row -> row.get(index)).toList();
    }

    /** The values of one numeric column, top to bottom. */
    public List<Double> column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + name + "'; the report has " + columns);
        }
        return rows.stream().map(row -> ((Number) row.get(index)).doubleValue()).toList();
    }
}
