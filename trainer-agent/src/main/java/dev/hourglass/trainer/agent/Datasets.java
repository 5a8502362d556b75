package dev.hourglass.trainer.agent;

import dev.hourglass.trainer.data.GeneratedImageSet;
import dev.hourglass.trainer.detection.coco.GeneratedCocoSet;
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
    static final String GENERATED_16K = "generated-16k";
    static final String GENERATED_COCO = "generated-coco";
    static final String COMPLETE = ".complete";

    private Datasets() {
    }

    static String resolve(String dataset, Path dataDirectory) throws IOException {
        return switch (dataset) {
            case GENERATED -> written(GENERATED, dataDirectory, GeneratedImageSet::writeDefault);
            case GENERATED_16K -> written(GENERATED_16K, dataDirectory, GeneratedImageSet::writeSixteenThousand);
            case GENERATED_COCO -> written(GENERATED_COCO, dataDirectory, GeneratedCocoSet::writeDefault);
            default -> {
                if (dataset.startsWith("generated")) {
                    throw new IOException("dataset '" + dataset + "' is not built into this agent");
                }
                yield dataset;
            }
        };
    }

    /** Writes a built-in set into the data directory. */
    @FunctionalInterface
    private interface Writer {
        Path write(Path root) throws IOException;
    }

    private static String written(String name, Path dataDirectory, Writer writer) throws IOException {
        Path root = dataDirectory.resolve(name);
        Files.createDirectories(dataDirectory);
        // Two agents on one machine share the data directory: one writes, the other waits for the lock.
        try (FileChannel lock = FileChannel.open(dataDirectory.resolve(name + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            if (!Files.exists(root.resolve(COMPLETE))) {
                writer.write(root);
                Files.writeString(root.resolve(COMPLETE), "written by the Hourglass agent\n");
            }
        }
        return root.toString();
    }
}
