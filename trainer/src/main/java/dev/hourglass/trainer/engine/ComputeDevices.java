package dev.hourglass.trainer.engine;

import dev.hourglass.protocol.DeviceKind;
import dev.hourglass.protocol.WorkerPrograms;

/**
 * The devices a worker's replicas run on and the ND4J backend that drives them: CPU replica threads on
 * {@code nd4j-native} (the default build) or one GPU per replica on {@code nd4j-cuda} (the {@code -Pcuda} build).
 */
public interface ComputeDevices {

    /**
     * Readies the backend for this kind of device; call before any ND4J class loads.
     *
     * @throws IllegalStateException when this build carries the other backend
     */
    static ComputeDevices configure(DeviceKind kind) {
        return switch (kind) {
            case CPU -> CpuDevices.configure();
            case GPU -> CudaDevices.configure();
        };
    }

    /**
     * Called on a replica's own thread before it builds its replica, with the device it owns (a node's device
     * index as the job's allocation names it) and how many replicas share this host.
     */
    void enterReplicaThread(int device, int replicasOnThisHost);

    /** The backend and devices in use, for the worker's start-up line. */
    String describe();

    /** Whether this build carries the ND4J backend for {@code kind}: the CPU one by default, CUDA with -Pcuda. */
    static boolean supports(DeviceKind kind) {
        return onClasspath(WorkerPrograms.backendClass(kind));
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, ComputeDevices.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
