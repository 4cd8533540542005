package org.babylab.api.step;

import java.util.List;

/**
 * The devices granted to one step for its duration. A step uses only these: {@link #cpuThreads()}
 * threads for CPU work and the listed GPUs.
 *
 * @param cpuThreads CPU threads the step may keep busy, >= 1
 * @param gpus the GPUs granted, possibly none
 */
public record DeviceLease(int cpuThreads, List<Device> gpus) {
    public DeviceLease {
        if (cpuThreads < 1) {
            throw new IllegalArgumentException("a lease grants at least one CPU thread, got " + cpuThreads);
        }
        gpus = gpus == null ? List.of() : List.copyOf(gpus);
        for (Device d : gpus) {
            if (d.kind() != Device.Kind.GPU) {
                throw new IllegalArgumentException("gpus may hold only GPU devices, got " + d);
            }
        }
    }

    /** A lease of {@code threads} CPU threads and no GPU. */
    public static DeviceLease cpuOnly(int threads) {
        return new DeviceLease(threads, List.of());
    }

    /** The device a single-device computation should use: the first GPU, else the CPU. */
    public Device primary() {
        return gpus.isEmpty() ? Device.cpu() : gpus.get(0);
    }
}
