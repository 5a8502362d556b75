package dev.hourglass.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a job's checkpoints lie: {@code DIR/rank-R/iteration-N.ckpt} under the job's checkpoint directory, a
 * file complete once renamed into place. The worker writes them; an agent finds the newest to start another
 * job's backbone from.
 */
public final class CheckpointFiles {

    private static final Pattern FILE = Pattern.compile("iteration-(\\d+)\\.ckpt");

    private CheckpointFiles() {
    }

    /** One rank's folder under a job's checkpoint directory. */
    public static Path rankDirectory(Path jobDirectory, int rank) {
        return jobDirectory.resolve("rank-" + rank);
    }

    /** The file of the checkpoint taken after {@code iteration} iterations, in a rank's folder. */
    public static Path file(Path rankDirectory, long iteration) {
        return rankDirectory.resolve(String.format("iteration-%09d.ckpt", iteration));
    }

    /** The iterations a rank's folder holds complete checkpoints of, in no order; none when it does not exist. */
    public static List<Long> iterations(Path rankDirectory) throws IOException {
        if (!Files.isDirectory(rankDirectory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(rankDirectory)) {
            List<Long> found = new ArrayList<>();
            entries.forEach(entry -> {
                Matcher name = FILE.matcher(entry.getFileName().toString());
                if (name.matches()) {
                    found.add(Long.parseLong(name.group(1)));
                }
            });
            return found;
        }
    }

    /** The newest complete checkpoint file rank {@code rank} of a job wrote under its checkpoint directory. */
    public static Optional<Path> newest(Path jobDirectory, int rank) throws IOException {
        Path ranks = rankDirectory(jobDirectory, rank);
        return iterations(ranks).stream().max(Long::compare).map(iteration -> file(ranks, iteration));
    }
}
