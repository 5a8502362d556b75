package dev.hourglass.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
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
            } else if (Files.isRegularFile(path) && jarCarries(path, entry, 0)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a jar holds the entry, itself or through the jars its manifest's Class-Path names (as java reads it). */
    private static boolean jarCarries(Path path, String entry, int depth) {
        try (JarFile jar = new JarFile(path.toFile())) {
            if (jar.getEntry(entry) != null) {
                return true;
            }
            Manifest manifest = jar.getManifest();
            String named = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (named == null || depth > 0) {
                return false;
            }
            for (String reference : named.trim().split("\\s+")) {
                Path referenced = Path.of(path.getParent().toUri().resolve(reference));
                if (Files.isDirectory(referenced) ? Files.isRegularFile(referenced.resolve(entry))
                        : Files.isRegularFile(referenced) && jarCarries(referenced, entry, depth + 1)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | IllegalArgumentException unreadable) {
            return false; // not a jar, or a reference that is not a path: nothing the workers could load either
        }
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
