package dev.hourglass.agent;

import dev.hourglass.protocol.WorkerPrograms;
import dev.hourglass.recipe.BuiltInDataset;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Where a job's dataset is on this node: a path as given, or a built-in generated set, written into the data
 * directory the first time a job needs it by the trainer's own step ({@link WorkerPrograms#PREPARE_DATASET}, run
 * from the worker classpath: the generators are not in the agent), with a marker file that says it is complete.
 */
final class Datasets {

    static final String COMPLETE = ".complete";

    private Datasets() {
    }

    static String resolve(String dataset, Path dataDirectory, String workerClasspath) throws IOException {
        Optional<BuiltInDataset> builtIn = BuiltInDataset.named(dataset);
        if (builtIn.isPresent()) {
            return written(builtIn.get(), dataDirectory, workerClasspath);
        }
        if (dataset.startsWith("generated")) {
            throw new IOException("dataset '" + dataset + "' is not built into this agent");
        }
        return dataset;
    }

    private static String written(BuiltInDataset dataset, Path dataDirectory, String workerClasspath)
            throws IOException {
        Path root = dataDirectory.resolve(dataset.id());
        Files.createDirectories(dataDirectory);
        // Two agents on one machine share the data directory: one writes, the other waits for the lock.
        try (FileChannel lock = FileChannel.open(dataDirectory.resolve(dataset.id() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            if (!Files.exists(root.resolve(COMPLETE))) {
                prepare(dataset, root, workerClasspath);
                Files.writeString(root.resolve(COMPLETE), "written by the Hourglass agent\n");
            }
        }
        return root.toString();
    }

    private static void prepare(BuiltInDataset dataset, Path root, String workerClasspath) throws IOException {
        Path log = root.resolveSibling(dataset.id() + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", workerClasspath, WorkerPrograms.PREPARE_DATASET, dataset.id(), root.toString());
        Process step = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int exit;
        try {
            exit = step.waitFor();
        } catch (InterruptedException interrupted) {
            step.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing " + dataset.id(), interrupted);
        }
        if (exit != 0) {
            throw new IOException("writing the built-in dataset " + dataset.id() + " failed (exit " + exit + "): "
                    + tail(log));
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
