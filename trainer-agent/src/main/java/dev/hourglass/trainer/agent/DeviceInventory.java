package dev.hourglass.trainer.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The devices a node offers: the GPUs {@code nvidia-smi} reports, or CPU "devices" (replica threads). */
record DeviceInventory(int count, String model) {

    static final int MAX_DEVICES = 8;

    static DeviceInventory cpu(int devices) {
        if (devices < 1 || devices > MAX_DEVICES) {
            throw new IllegalArgumentException("--cpu-devices " + devices + " must be between 1 and " + MAX_DEVICES
                    + " (a node has at most 8 devices, Big Basin style)");
        }
        return new DeviceInventory(devices, "cpu-thread");
    }

    /** The GPUs on this machine, or empty when there are none (or no nvidia-smi). */
    static java.util.Optional<DeviceInventory> detectGpus() {
        try {
            Process smi = new ProcessBuilder("nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            if (!smi.waitFor(10, TimeUnit.SECONDS) || smi.exitValue() != 0) {
                return java.util.Optional.empty();
            }
            List<String> gpus = new String(smi.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank()).toList();
            if (gpus.isEmpty()) {
                return java.util.Optional.empty();
            }
            String model = gpus.get(0).replace(",", "").trim();
            return java.util.Optional.of(new DeviceInventory(Math.min(gpus.size(), MAX_DEVICES), model));
        } catch (IOException | InterruptedException noGpu) {
            return java.util.Optional.empty();
        }
    }
}
