package dev.hourglass.trainer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Settings ND4J's CPU backend must have before it loads (docs/nd4j.md, "The CPU backend and oneDNN"): the oneDNN
 * build for the instruction set this CPU has, DL4J's oneDNN layer helpers switched on, and a thread budget per replica
 * so that replica threads sharing the cores do not each start a full OpenMP team.
 */
public final class Nd4jCpuRuntime {

    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    static final String HELPERS_DISABLED = "org.eclipse.deeplearning4j.helpers.disable";

    private Nd4jCpuRuntime() {
    }

    /**
     * Chooses the native build unless the command line already did; call before any ND4J class loads.
     *
     * @return the platform extension in use ("" for the plain build)
     */
    public static String configure() {
        if (System.getProperty(PLATFORM_EXTENSION) == null) {
            System.setProperty(PLATFORM_EXTENSION, extensionFor(cpuFlags()));
        }
        if (System.getProperty(HELPERS_DISABLED) == null) {
            System.setProperty(HELPERS_DISABLED, "false");
        }
        return System.getProperty(PLATFORM_EXTENSION);
    }

    static String extensionFor(Set<String> flags) {
        if (flags.contains("avx512f") && flags.contains("avx512bw") && flags.contains("avx512vl")) {
            return "-onednn-avx512";
        }
        return flags.contains("avx2") ? "-onednn-avx2" : "";
    }

    private static Set<String> cpuFlags() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("flags")).findFirst()
                    .map(line -> Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+")))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * Caps the OpenMP threads that ND4J's ops start from the calling thread; OpenMP keeps this per thread, so
     * every replica thread calls it for itself.
     */
    public static void limitThreadsOfCallingThread(int threads) {
        Nd4j.getBackend(); // loads the native library that NativeOpsHolder needs
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(Math.max(1, threads));
    }

    /** The cores this process may use, for splitting them among replicas. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The helper-loading state, for the worker's start-up line. */
    public static String describe() {
        return "ND4J " + Nd4j.getBackend().getClass().getSimpleName() + ", native build '"
                + System.getProperty(PLATFORM_EXTENSION) + "', oneDNN helpers "
                + (org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper.mklDnnEnabled() ? "on" : "off");
    }
}
