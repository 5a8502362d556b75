package dev.hourglass.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark tables of the docs, generated from the runs' JSON: in a markdown page, a table between
 * {@code <!-- table from bench/NAME/NAME.json -->} (optionally {@code : column, column}) and
 * {@code <!-- end of table -->} is the JSON's rows, one per object, in the file's own column order. {@code ./hourglass
 * bench --tables} rewrites them; a test fails when a page's table is not its JSON's.
 */
public final class DocsTables {

    static final Pattern TABLE = Pattern.compile(
            "(<!-- table from ([^ :]+\\.json)(?::([^>]*?))? -->\\n)(.*?)(<!-- end of table -->)", Pattern.DOTALL);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MathContext SHOWN_DIGITS = new MathContext(4);

    private DocsTables() {
    }

    /** A page's text with every marked table rendered afresh from its JSON, which lies relative to the page. */
    static String regenerate(String page, Path pageFolder) throws IOException {
        Matcher table = TABLE.matcher(page);
        StringBuilder out = new StringBuilder();
        while (table.find()) {
            Path json = pageFolder.resolve(table.group(2));
            List<String> columns = table.group(3) == null ? List.of()
                    : Stream.of(table.group(3).split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
            table.appendReplacement(out, Matcher.quoteReplacement(table.group(1) + render(JSON.readTree(json.toFile()),
                    columns, json) + table.group(5)));
        }
        table.appendTail(out);
        return out.toString();
    }

    /** A markdown table of a JSON array of objects: the named columns, or every field of the first object. */
    static String render(JsonNode rows, List<String> wanted, Path source) {
        if (!rows.isArray() || rows.isEmpty() || !rows.get(0).isObject()) {
            throw new IllegalArgumentException(source + " is not a JSON array of row objects");
        }
        List<String> columns = new ArrayList<>(wanted);
        if (columns.isEmpty()) {
            Iterator<String> names = rows.get(0).fieldNames();
            names.forEachRemaining(columns::add);
        }
        StringBuilder table = new StringBuilder("| " + String.join(" | ", columns) + " |\n|");
        for (String column : columns) {
            if (!rows.get(0).has(column)) {
                throw new IllegalArgumentException(source + " has no column '" + column + "'");
            }
            table.append(rows.get(0).get(column).isNumber() ? " ---: |" : " --- |");
        }
        table.append('\n');
        for (JsonNode row : rows) {
            table.append("|");
            for (String column : columns) {
                JsonNode value = row.get(column);
                table.append(' ').append(cell(value)).append(" |");
            }
            table.append('\n');
        }
        return table.toString();
    }

    /** A measured fraction to 4 significant digits (the JSON keeps them all); whole numbers and text as they are. */
    static String cell(JsonNode value) {
        if (value == null || value.isNull()) {
            return "—";
        }
        if (value.isFloatingPointNumber()) {
            return value.decimalValue().round(SHOWN_DIGITS).stripTrailingZeros().toPlainString();
        }
        return value.asText();
    }

    /** Rewrites the marked tables of every markdown page in {@code docs}; returns the pages that changed. */
    static List<Path> rewrite(Path docs) throws IOException {
        List<Path> changed = new ArrayList<>();
        try (Stream<Path> pages = Files.list(docs)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(page);
                String regenerated = regenerate(text, page.getParent());
                if (!regenerated.equals(text)) {
                    Files.writeString(page, regenerated);
                    changed.add(page);
                }
            }
        }
        return changed;
    }
}
