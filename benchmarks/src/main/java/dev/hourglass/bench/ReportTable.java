package dev.hourglass.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report as an aligned text table, numbers right-aligned, then its findings. */
final class ReportTable {

    private ReportTable() {
    }

    static String render(BenchmarkReport report) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(report.columns());
        for (List<Object> row : report.rows()) {
            cells.add(row.stream().map(ReportTable::format).toList());
        }
        int[] widths = new int[report.columns().size()];
        for (List<String> line : cells) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (int line = 0; line < cells.size(); line++) {
            for (int i = 0; i < widths.length; i++) {
                text.append(i == 0 ? "" : "  ").append(" ".repeat(widths[i] - cells.get(line).get(i).length()))
                        .append(cells.get(line).get(i));
            }
            text.append('\n');
            if (line == 0) {
                int total = widths.length * 2 - 2;
                for (int width : widths) {
                    total += width;
                }
                text.append("-".repeat(total)).append('\n');
            }
        }
        report.findings().forEach(finding -> text.append('\n').append(finding));
        return text.append('\n').toString();
    }

    static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            // Three significant digits where three decimals would print 0.000 (e.g. seconds of a fast call).
            return String.format(Locale.ROOT, number != 0 && Math.abs(number) < 0.01 ? "%.3g" : "%.3f", number);
        }
        return String.valueOf(value);
    }
}
