package dev.hourglass.agent;

import dev.hourglass.protocol.DeviceKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The devices a node offers: the GPUs {@code nvidia-smi} reports, or CPU "devices" (replica threads).
 *
 * @param memoryMib each GPU's memory (the smallest, should they differ); null for CPU devices
 */
record DeviceInventory(int count, String model, Integer memoryMib, DeviceKind kind) {

    static final int MAX_DEVICES = 8;
    static final List<String> NVIDIA_SMI = List.of("nvidia-smi", "--query-gpu=name,memory.total",
            "--format=csv,noheader,nounits");

    static DeviceInventory cpu(int devices) {
        if (devices < 1 || devices > MAX_DEVICES) {
            throw new IllegalArgumentException("--cpu-devices " + devices + " must be between 1 and " + MAX_DEVICES
                    + " (a node has at most 8 devices, Big Basin style)");
        }
        return new DeviceInventory(devices, "cpu-thread", null, DeviceKind.CPU);
    }

    /**
     * The GPUs on this machine, or empty when there are none (or no {@code nvidia-smi} on the PATH). A node offers
     * at most 8: on a larger machine the first 8.
     */
    static Optional<DeviceInventory> detectGpus() {
        String output;
        try {
            Process smi = new ProcessBuilder(NVIDIA_SMI).redirectErrorStream(true).start();
            if (!smi.waitFor(10, TimeUnit.SECONDS)) { // a wedged driver can hang nvidia-smi
                smi.destroyForcibly();
                return Optional.empty();
            }
            if (smi.exitValue() != 0) {
                return Optional.empty();
            }
            output = new String(smi.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException noNvidiaSmi) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return fromNvidiaSmi(output);
    }

    /** Parses {@code nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits}: "NAME, MIB" per GPU. */
    static Optional<DeviceInventory> fromNvidiaSmi(String output) {
        List<String> names = new ArrayList<>();
        int smallestMib = Integer.MAX_VALUE;
        for (String line : output.lines().map(String::trim).filter(line -> !line.isEmpty()).toList()) {
            int comma = line.lastIndexOf(',');
            String memory = comma < 0 ? "" : line.substring(comma + 1).trim();
            if (comma <= 0 || !memory.matches("\\d{1,9}")) {
                throw new IllegalStateException("nvidia-smi printed '" + line + "' where a GPU's 'name, memory in MiB'"
                        + " was expected (" + String.join(" ", NVIDIA_SMI) + ")");
            }
            names.add(line.substring(0, comma).trim());
            if (names.size() <= MAX_DEVICES) {
                smallestMib = Math.min(smallestMib, Integer.parseInt(memory));
            }
        }
        if (names.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DeviceInventory(Math.min(names.size(), MAX_DEVICES), names.get(0), smallestMib,
                DeviceKind.GPU));
    }

    /** For the agent's start-up line, e.g. "8 GPU(s), NVIDIA H200 with 143771 MiB each". */
    String describe() {
        return kind == DeviceKind.GPU ? count + " GPU(s), " + model + " with " + memoryMib + " MiB each"
                : count + " CPU device(s)";
    }
}
