package dev.hourglass.trainer.agent;

import dev.hourglass.trainer.data.GeneratedImageSet;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where a job's dataset is on this node: a path as given, or a built-in generated set, written into the data
 * directory the first time a job needs it (a marker file says the set is complete).
 */
final class Datasets {

    static final String GENERATED = "generated";
    static final String COMPLETE = ".complete";

    private Datasets() {
    }

    static String resolve(String dataset, Path dataDirectory) throws IOException {
        if (!dataset.equals(GENERATED)) {
            if (dataset.startsWith("generated")) {
                throw new IOException("dataset '" + dataset + "' is not built into this agent");
            }
            return dataset;
        }
        Path root = dataDirectory.resolve(GENERATED);
        Files.createDirectories(dataDirectory);
        // Two agents on one machine share the data directory: one writes, the other waits for the lock.
        try (FileChannel lock = FileChannel.open(dataDirectory.resolve(GENERATED + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            if (!Files.exists(root.resolve(COMPLETE))) {
                GeneratedImageSet.writeDefault(root);
                Files.writeString(root.resolve(COMPLETE), "written by the Hourglass agent\n");
            }
        }
        return root.toString();
    }
}
