package dev.hourglass.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerClasspathTest {

    private static final String BACKEND = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

    @TempDir
    Path folder;

    @Test
    void aClassInAFolderOfTheClasspathIsCarried() throws IOException {
        Path classes = folder.resolve("classes");
        Path file = classes.resolve("org/nd4j/linalg/cpu/nativecpu/CpuBackend.class");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {1});

        assertThat(WorkerClasspath.carries(folder.resolve("elsewhere") + ":" + classes, BACKEND)).isTrue();
        assertThat(WorkerClasspath.carries(classes.toString(), "org.nd4j.linalg.jcublas.JCublasBackend")).isFalse();
    }

    @Test
    void aClassInAJarIsCarriedWhetherTheJarIsNamedOrMatchedByAWildcard() throws IOException {
        Path lib = Files.createDirectories(folder.resolve("lib"));
        Path jar = jar(lib.resolve("nd4j-native.jar"), "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class");
        jar(lib.resolve("other.jar"), "org/example/Other.class");

        assertThat(WorkerClasspath.carries(jar.toString(), BACKEND)).isTrue();
        assertThat(WorkerClasspath.carries(lib + "/*", BACKEND)).isTrue();
        assertThat(WorkerClasspath.carries(lib.resolve("other.jar").toString(), BACKEND)).isFalse();
    }

    @Test
    void aJarWhoseManifestNamesTheClasspathCarriesWhatThoseEntriesCarry() throws IOException {
        Path lib = Files.createDirectories(folder.resolve("lib"));
        jar(lib.resolve("nd4j-native.jar"), "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class");
        Path launcher = folder.resolve("launcher.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, lib.resolve("nd4j-native.jar").toUri() + " other/");
        try (OutputStream file = Files.newOutputStream(launcher); JarOutputStream jar = new JarOutputStream(file, manifest)) {
            jar.putNextEntry(new JarEntry("placeholder.txt"));
            jar.closeEntry();
        }

        assertThat(WorkerClasspath.carries(launcher.toString(), BACKEND)).isTrue();
        assertThat(WorkerClasspath.carries(launcher.toString(), "org.nd4j.linalg.jcublas.JCublasBackend")).isFalse();
    }

    @Test
    void aClasspathOfMissingOrUnreadableEntriesCarriesNothing() throws IOException {
        Path notAJar = Files.writeString(folder.resolve("notes.jar"), "not a zip");

        assertThat(WorkerClasspath.carries(notAJar + ":" + folder.resolve("gone") + ":" + folder.resolve("none")
                + "/*::", BACKEND)).isFalse();
    }

    private static Path jar(Path path, String entry) throws IOException {
        try (OutputStream file = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(file)) {
            jar.putNextEntry(new JarEntry(entry));
            jar.write(new byte[] {1});
            jar.closeEntry();
        }
        return path;
    }
}
