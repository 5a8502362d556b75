package dev.hourglass.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.XYChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Charts split into panels: one per value of one column stacked, or a grid for two columns. */
class ReportFilesTest {

    @TempDir
    Path out;

    private static final List<String> COLUMNS = List.of("bytes", "rate", "algorithm", "ranks", "run");

    private static BenchmarkReport report(LineChart chart) {
        return new BenchmarkReport(COLUMNS, List.of(
                List.of(4096L, 1.0, "ring", 2, "a"), List.of(1L << 20, 2.0, "ring", 2, "a"),
                List.of(4096L, 0.5, "ring", 4, "b"), List.of(1L << 20, 1.5, "tree", 4, "b"),
                List.of(4096L, 0.7, "ring", 8, "a")), chart, List.of());
    }

    private static LineChart chart() {
        return new LineChart("rates", "bytes", "bytes", List.of("rate"), "GB/s", "algorithm");
    }

    @Test
    void oneColumnStacksAPanelPerValue() throws Exception {
        ReportFiles.write("stacked", report(chart().inPanelsBy("ranks").withLogarithmicX()), out);

        BufferedImage image = ImageIO.read(out.resolve("stacked.png").toFile());
        assertThat(image.getWidth()).isEqualTo(ReportFiles.CHART_WIDTH);
        assertThat(image.getHeight()).isEqualTo(3 * ReportFiles.CHART_HEIGHT);
    }

    @Test
    void twoColumnsMakeAGridWithAnEmptyCellWhereNoRowHasThePair() {
        List<List<XYChart>> grid = ReportFiles.panels(report(chart().inPanelsBy("ranks", "run")));

        assertThat(grid).hasSize(3);
        assertThat(grid.get(0)).hasSize(2);
        assertThat(grid.get(0).get(0).getTitle()).isEqualTo("rates (ranks=2, run=a)");
        assertThat(grid.get(0).get(1)).isNull();
        assertThat(grid.get(1).get(1).getSeriesMap()).containsOnlyKeys("rate (algorithm=ring)", "rate (algorithm=tree)");
    }

    @Test
    void withoutPanelsItIsOneChartOfTheUsualSize() throws Exception {
        ReportFiles.write("single", report(chart()), out);

        BufferedImage image = ImageIO.read(out.resolve("single.png").toFile());
        assertThat(image.getWidth()).isEqualTo(ReportFiles.CHART_WIDTH);
        assertThat(image.getHeight()).isEqualTo(ReportFiles.CHART_HEIGHT);
    }

    @Test
    void aLogarithmicAxisOfLessThanTwoDecadesLabelsEveryValueItsDecadesWouldNot() {
        assertThat(ReportFiles.valueLabelsWithinTwoDecades(List.of(16.0, 2.0, 4.0, 8.0, 2.0)))
                .containsExactly(entry(2.0, "2"), entry(4.0, "4"), entry(8.0, "8"), entry(16.0, "16"));
        assertThat(ReportFiles.valueLabelsWithinTwoDecades(List.of(0.5, 2.25))).containsValues("0.500", "2.25");
        assertThat(ReportFiles.valueLabelsWithinTwoDecades(List.of(4096.0, 1048576.0))).as("decades label these")
                .isEmpty();
    }
}
