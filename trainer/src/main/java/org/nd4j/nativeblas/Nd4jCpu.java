package org.nd4j.nativeblas;

import java.lang.reflect.Method;

/**
 * Where DL4J 1.0.0-M2.1 looks for ND4J's CPU environment to decide whether its oneDNN layer helpers may load:
 * the release moved the class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and renamed
 * {@code isUseMKLDNN} to {@code isUseONEDNN}, so without this forwarder the helpers never load and CPU training
 * runs about 7x slower (docs/nd4j.md, "The CPU backend and oneDNN"). Only DL4J's reflective lookup uses it. It
 * finds the new class by name, so that the {@code cuda} build, which has no CPU backend, compiles and answers
 * "no oneDNN".
 */
public final class Nd4jCpu {

    private static final String CPU_ENVIRONMENT = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment";

    private Nd4jCpu() {
    }

    public static final class Environment {

        private static final Environment INSTANCE = new Environment();

        private Environment() {
        }

        public static Environment getInstance() {
            return INSTANCE;
        }

        public boolean isUseMKLDNN() {
            try {
                Class<?> environment = Class.forName(CPU_ENVIRONMENT);
                Object cpu = environment.getMethod("getInstance").invoke(null);
                Method useOneDnn = environment.getMethod("isUseONEDNN");
                return (Boolean) useOneDnn.invoke(cpu);
            } catch (ClassNotFoundException noCpuBackend) {
                return false;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("ND4J's CPU environment " + CPU_ENVIRONMENT + " has no isUseONEDNN():"
                        + " this forwarder fits ND4J 1.0.0-M2.1 only", e);
            }
        }
    }
}
