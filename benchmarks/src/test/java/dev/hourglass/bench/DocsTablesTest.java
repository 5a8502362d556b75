package dev.hourglass.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsTablesTest {

    private static final Path DOCS = Path.of("..", "docs");

    @TempDir
    Path folder;

    @Test
    void everyBenchmarkTableInTheDocsIsItsJsonAsGenerated() throws IOException {
        int tables = 0;
        try (Stream<Path> pages = Files.list(DOCS)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                String text = Files.readString(page);
                tables += (int) DocsTables.TABLE.matcher(text).results().count();
                assertThat(DocsTables.regenerate(text, page.getParent()))
                        .as("%s's tables differ from their JSON: run ./hourglass bench --tables", page)
                        .isEqualTo(text);
            }
        }
        assertThat(tables).as("marked tables in docs/").isPositive();
    }

    @Test
    void aMarkedTableIsRenderedFromItsJsonWithTheColumnsAsked() throws IOException {
        Files.writeString(folder.resolve("runs.json"), """
                [{"clients": 1, "perSecond": 136, "mode": "durable", "p99Ms": 21.63},
                 {"clients": 4, "perSecond": 390, "mode": "durable", "p99Ms": null}]""");
        String page = """
                Before.

                <!-- table from runs.json: clients, mode, p99Ms -->
                | typed by hand |
                <!-- end of table -->

                After.
                """;

        assertThat(DocsTables.regenerate(page, folder)).isEqualTo("""
                Before.

                <!-- table from runs.json: clients, mode, p99Ms -->
                | clients | mode | p99Ms |
                | ---: | --- | ---: |
                | 1 | durable | 21.63 |
                | 4 | durable | — |
                <!-- end of table -->

                After.
                """);
    }

    @Test
    void measuredFractionsShowFourSignificantDigitsAndWholeNumbersAllOfThem() throws IOException {
        Files.writeString(folder.resolve("step.json"), """
                [{"model": "resnet8", "points": 320000, "imagesPerS": 227.78881129832504, "reduceS": 0.000095,
                  "seconds": 4.0, "p99Ms": 21.63}]""");

        assertThat(DocsTables.regenerate("<!-- table from step.json -->\n<!-- end of table -->", folder))
                .contains("| resnet8 | 320000 | 227.8 | 0.000095 | 4 | 21.63 |");
    }

    @Test
    void aColumnTheJsonLacksIsNamedInTheError() throws IOException {
        Files.writeString(folder.resolve("runs.json"), "[{\"clients\": 1}]");

        assertThatThrownBy(() -> DocsTables.regenerate("<!-- table from runs.json: clients, speed -->\n"
                + "<!-- end of table -->", folder)).hasMessageContaining("has no column 'speed'");
    }
}
