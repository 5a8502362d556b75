package dev.hourglass.trainer.engine;

import dev.hourglass.protocol.DeviceKind;

/** CPU "devices": replica threads on ND4J's CPU backend, the cores split evenly among the host's replicas. */
final class CpuDevices implements ComputeDevices {

    private CpuDevices() {
    }

    static CpuDevices configure() {
        if (!ComputeDevices.supports(DeviceKind.CPU)) {
            throw new IllegalStateException("this node runs CPU devices, but the worker was built with -Pcuda, which"
                    + " carries only ND4J's CUDA backend: run the default build of the trainer on CPU nodes");
        }
        Nd4jCpuRuntime.configure();
        return new CpuDevices();
    }

    @Override
    public void enterReplicaThread(int device, int replicasOnThisHost) {
        Nd4jCpuRuntime.limitThreadsOfCallingThread(Math.max(1, Nd4jCpuRuntime.cores() / replicasOnThisHost));
    }

    @Override
    public String describe() {
        return Nd4jCpuRuntime.describe();
    }
}
