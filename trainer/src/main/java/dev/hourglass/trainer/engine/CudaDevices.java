package dev.hourglass.trainer.engine;

import dev.hourglass.protocol.DeviceKind;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GPUs on ND4J's CUDA backend ({@code nd4j-cuda-11.6}, the {@code -Pcuda} build), one replica per GPU: each
 * replica's thread is bound to its GPU, so everything that replica computes stays on that device. The CPU backend's
 * settings ({@link Nd4jCpuRuntime#configure()}) are never applied here: its oneDNN platform extension names native
 * builds that nd4j-cuda does not have.
 */
final class CudaDevices implements ComputeDevices {

    private CudaDevices() {
    }

    static CudaDevices configure() {
        if (!ComputeDevices.supports(DeviceKind.GPU)) {
            throw new IllegalStateException("this node holds GPUs, but the worker was built without ND4J's CUDA backend:"
                    + " build the trainer with -Pcuda (the trainer-agent image is), or give the agent"
                    + " --cpu-devices N to train on the CPU");
        }
        return new CudaDevices();
    }

    @Override
    public void enterReplicaThread(int device, int replicasOnThisHost) {
        int visible = Nd4j.getAffinityManager().getNumberOfDevices();
        if (device < 0 || device >= visible) {
            throw new IllegalStateException("the job holds GPU " + device + " of this node, but CUDA shows this process "
                    + visible + " GPU(s) (CUDA_VISIBLE_DEVICES=" + System.getenv("CUDA_VISIBLE_DEVICES") + "): the agent"
                    + " must register only the GPUs its workers can see");
        }
        Nd4j.getAffinityManager().unsafeSetDevice(device);
    }

    @Override
    public String describe() {
        return "ND4J " + Nd4j.getBackend().getClass().getSimpleName() + " on "
                + Nd4j.getAffinityManager().getNumberOfDevices() + " CUDA device(s)";
    }
}
