package dev.hourglass.bench.allreduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hourglass.bench.BenchmarkReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report built from the ranks' result lines (no mpirun here: AllreduceRanks' parsing and the report). */
class AllreduceReportTest {

    private static final double MEMORY_BANDWIDTH = 40.0;

    @Test
    void parsesARanksResultLine() {
        Measurement m = AllreduceRanks.parse("hourglass-allreduce algorithm=ring ranks=4 bytes=4096 seconds=0.000012"
                + " samples=40 choice=mpi-native", Measurement.MALLOC_FIX);

        assertThat(m).isEqualTo(new Measurement("ring", Measurement.MALLOC_FIX, 4, 4096, 0.000012, 40, "mpi-native"));
        assertThatThrownBy(() -> AllreduceRanks.parse("hourglass-allreduce algorithm=ring ranks=four", Measurement.INSTALLED))
                .hasMessageContaining("unreadable result line");
    }

    @Test
    void busBandwidthIsTheTrafficEveryRankMustMove() {
        // 4 ranks each move 2(p-1)/p = 1.5 buffers: 1.5 x 1 MB in 1 ms.
        Measurement m = new Measurement("ring", Measurement.INSTALLED, 4, 1_000_000, 0.001, 10, "ring");

        assertThat(m.busBandwidth()).isEqualTo(1.5);
    }

    @Test
    void oneRowPerMeasurementOrderedByRanksRunAndSizeWithItsRatioAndWhetherItIsChosen() {
        BenchmarkReport report = AllreduceReport.of(List.of(
                measurement("ring", Measurement.INSTALLED, 1 << 20, 0.001, "mpi-native"),
                measurement("mpi-native", Measurement.INSTALLED, 1 << 20, 0.0008, "mpi-native"),
                measurement("mpi-native", Measurement.INSTALLED, 4096, 0.00001, "mpi-native")), MEMORY_BANDWIDTH, List.of());

        List<Map<String, Object>> rows = report.rowObjects();
        assertThat(rows).extracting(row -> row.get("algorithm") + " " + row.get("size"))
                .containsExactly("mpi-native 4 KB", "ring 1 MB", "mpi-native 1 MB");
        assertThat(rows.get(1)).containsEntry("environment", "installed").containsEntry("ranks", 2)
                .containsEntry("bytes", 1L << 20).containsEntry("seconds", 0.001).containsEntry("chosen", false)
                .containsEntry("busBandwidth", 1.049).containsEntry("memoryBandwidthRatio", 0.02621);
        assertThat(rows.get(2)).containsEntry("chosen", true);
    }

    @Test
    void theGoalIsMetWhereTheChosenAlgorithmIsAtMostFivePercentSlowerThanOpenMpiInTheSameRun() {
        List<Measurement> run = List.of(
                measurement("ring", Measurement.INSTALLED, 4096, 0.002, "mpi-native"),
                measurement("mpi-native", Measurement.INSTALLED, 4096, 0.001, "mpi-native"),
                measurement("ring", Measurement.INSTALLED, 64 << 20, 0.010, "ring"),
                measurement("mpi-native", Measurement.INSTALLED, 64 << 20, 0.030, "ring"),
                measurement("ring", Measurement.MALLOC_FIX, 64 << 20, 0.012, "ring"),
                measurement("mpi-native", Measurement.MALLOC_FIX, 64 << 20, 0.010, "ring"));

        List<String> findings = AllreduceReport.goalFindings(run);

        assertThat(findings.get(0)).isEqualTo("2 ranks: mpi-native chosen at 4 KB; ring at 64 MB: 0.33x Open MPI's time"
                + " as installed, 1.20x Open MPI's time with the malloc fix");
        assertThat(findings.get(1)).endsWith("MET against Open MPI as installed (at worst 0.33x its time),"
                + " MISSED against Open MPI with the malloc fix (at worst 1.20x its time)");
    }

    @Test
    void labelsSizesInBinaryMultiples() {
        assertThat(AllreduceReport.sizeLabel(4096)).isEqualTo("4 KB");
        assertThat(AllreduceReport.sizeLabel(100L << 20)).isEqualTo("100 MB");
        assertThat(AllreduceReport.sizeLabel(1000)).isEqualTo("1000 B");
    }

    private static Measurement measurement(String algorithm, String environment, long bytes, double seconds, String choice) {
        return new Measurement(algorithm, environment, 2, bytes, seconds, 10, choice);
    }
}
