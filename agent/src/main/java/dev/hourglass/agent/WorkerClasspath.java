package dev.hourglass.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** What the workers' classpath carries, read from its folders and jars without loading any of it into the agent. */
final class WorkerClasspath {

    private WorkerClasspath() {
    }

    static boolean carries(String classpath, String className) {
        String entry = className.replace('.', '/') + ".class";
        for (Path path : elements(classpath)) {
            if (Files.isDirectory(path)) {
                if (Files.isRegularFile(path.resolve(entry))) {
                    return true;
                }
            } else if (Files.isRegularFile(path)) {
                try (JarFile jar = new JarFile(path.toFile())) {
                    if (jar.getEntry(entry) != null) {
                        return true;
                    }
                } catch (IOException unreadable) {
                    // not a jar: it carries nothing the workers could load either
                }
            }
        }
        return false;
    }

    /** The folders and jars a classpath names, a {@code DIR/*} standing for the jars in DIR, as java reads it. */
    private static List<Path> elements(String classpath) {
        List<Path> paths = new ArrayList<>();
        for (String element : classpath.split(File.pathSeparator)) {
            if (element.endsWith("*")) {
                Path folder = Path.of(element.substring(0, element.length() - 1));
                try (Stream<Path> jars = Files.list(folder)) {
                    jars.filter(jar -> jar.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar"))
                            .sorted().forEach(paths::add);
                } catch (IOException unreadable) {
                    // a folder that is not there carries nothing
                }
            } else if (!element.isEmpty()) {
                paths.add(Path.of(element));
            }
        }
        return paths;
    }
}
