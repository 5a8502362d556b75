package dev.hourglass.cli.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hourglass.client.ApiClient;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code -o table} (for people, the default) or {@code -o json} (the API's own JSON, for scripts). */
public final class OutputFormat {

    enum Format { TABLE, JSON }

    private static final ObjectMapper JSON = ApiClient.createDefaultObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: table)",
            converter = FormatConverter.class)
    Format format;

    boolean json() {
        return format == Format.JSON;
    }

    /** {@code value} as JSON, or as {@code table} draws it. */
    <T> void print(PrintWriter out, T value, java.util.function.BiConsumer<PrintWriter, T> table) {
        if (json()) {
            printJson(out, value);
        } else {
            table.accept(out, value);
        }
    }

    void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the client's models always serialize", e);
        }
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return Format.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }
}
