package dev.hourglass.protocol;

/**
 * The trainer's programs that an agent starts by class name: they run from the worker classpath (the trainer
 * and ND4J), which the agent's own JVM does not load.
 */
public final class WorkerPrograms {

    /** One rank of a job under mpirun; its last argument is the worker spec's path. */
    public static final String WORKER = "dev.hourglass.worker.WorkerMain";
    /** Writes a built-in dataset into a folder: arguments {@code NAME FOLDER}; exits 0 once it is complete. */
    public static final String PREPARE_DATASET = "dev.hourglass.worker.PrepareDatasetMain";

    private WorkerPrograms() {
    }

    /** The ND4J backend class a worker needs on its classpath to drive this kind of device. */
    public static String backendClass(DeviceKind kind) {
        return switch (kind) {
            case CPU -> "org.nd4j.linalg.cpu.nativecpu.CpuBackend";
            case GPU -> "org.nd4j.linalg.jcublas.JCublasBackend";
        };
    }
}
