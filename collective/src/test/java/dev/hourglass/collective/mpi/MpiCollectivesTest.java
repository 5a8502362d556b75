package dev.hourglass.collective.mpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every allreduce, the hierarchical one and {@code MpiTransport} under a real {@code mpirun}, with 3 ranks too for the
 * algorithms' non-power-of-two paths: every rank of {@link MpiRankMain} runs every check and prints a verdict line per
 * check, and every rank must report every check ok.
 */
@Tag("mpirun")
class MpiCollectivesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern VERDICT =
            Pattern.compile("^" + MpiRankMain.VERDICT_PREFIX + " rank=(\\d+) check=(\\S+) (.*)$", Pattern.MULTILINE);

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {2, 3, 4})
    void everyRankPassesEveryCheck(int ranks) throws Exception {
        Path log = Path.of("target", "mpirun", "checks-" + ranks + "-ranks.log");
        Mpirun.Result result = Mpirun.run(ranks, MpiRankMain.class, TIMEOUT, log);

        if (result.timedOut()) {
            fail("mpirun with %d ranks did not finish in %s and was killed; ranks' output:%n%s", ranks, TIMEOUT, result.output());
        }
        if (result.exitCode() != 0) {
            fail("mpirun with %d ranks exited with %d; ranks' output:%n%s", ranks, result.exitCode(), result.output());
        }
        List<String> missingOrFailed = new ArrayList<>();
        for (String check : MpiRankMain.checkNames()) {
            for (int rank = 0; rank < ranks; rank++) {
                String verdict = verdict(result.output(), rank, check);
                if (!"ok".equals(verdict)) {
                    missingOrFailed.add("rank " + rank + " " + check + ": " + (verdict == null ? "no verdict" : verdict));
                }
            }
        }
        assertThat(missingOrFailed).as("checks not ok with %d ranks; ranks' output:%n%s", ranks, result.output()).isEmpty();
    }

    private static String verdict(String output, int rank, String check) {
        Matcher matcher = VERDICT.matcher(output);
        while (matcher.find()) {
            if (Integer.parseInt(matcher.group(1)) == rank && matcher.group(2).equals(check)) {
                return matcher.group(3).strip();
            }
        }
        return null;
    }
}
