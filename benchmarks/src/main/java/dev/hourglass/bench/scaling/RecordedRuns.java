package dev.hourglass.bench.scaling;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hourglass.bench.scaling.ScalingStudy.Arm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runs a study has finished, kept in {@code runs.json} beside its report as each one ends: a study of two hours
 * that is stopped can go on where it stopped ({@code --resume FILE}), and a finished one can be written up again
 * without training anything.
 */
final class RecordedRuns {

    static final String FILE = "runs.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final List<RunResult> runs;

    private RecordedRuns(Path file, List<RunResult> runs) {
        this.file = file;
        this.runs = new ArrayList<>(runs);
    }

    /** Runs to be recorded into {@code file}, starting with those of {@code resumeFrom} if given. */
    static RecordedRuns open(Path file, Path resumeFrom) throws IOException {
        if (resumeFrom == null) {
            return new RecordedRuns(file, List.of());
        }
        if (!Files.isRegularFile(resumeFrom)) {
            throw new IllegalArgumentException("--resume " + resumeFrom + ": no such file; give the " + FILE
                    + " of an earlier run of the study");
        }
        return new RecordedRuns(file, JSON.readValue(resumeFrom.toFile(), new TypeReference<List<RunResult>>() { }));
    }

    /**
     * The run of {@code arm} with {@code seed}, if one was recorded; refused when it trained another number of
     * epochs than the study's {@code epochs} (a runs.json of another study).
     */
    Optional<RunResult> find(Arm arm, int seed, int epochs) {
        Optional<RunResult> found = runs.stream().filter(run -> run.arm().equals(arm) && run.seed() == seed)
                .findFirst();
        found.filter(run -> run.validationErrors().size() != epochs).ifPresent(run -> {
            throw new IllegalArgumentException("--resume: the recorded run of " + arm.label() + " seed " + seed
                    + " trained " + run.validationErrors().size() + " epochs, this study " + epochs
                    + "; resume only from a runs.json of the same study");
        });
        return found;
    }

    /** Records a finished run, replacing the file whole so that a stop in the middle leaves the previous one. */
    void add(RunResult run) throws IOException {
        runs.add(run);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(FILE + ".partial");
        JSON.writeValue(partial.toFile(), runs);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
