package org.nd4j.nativeblas;

/**
 * Where DL4J 1.0.0-M2.1 looks for ND4J's CPU environment to decide whether its oneDNN layer helpers may load:
 * the release moved the class to {@code org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment} and renamed
 * {@code isUseMKLDNN} to {@code isUseONEDNN}, so without this forwarder the helpers never load and CPU training
 * runs about 7x slower (ND4J-NOTES.md). Only DL4J's reflective lookup uses it.
 */
public final class Nd4jCpu {

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
            return org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance().isUseONEDNN();
        }
    }
}
