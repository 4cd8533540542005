package org.babylab.runtime.internal.model;

import java.util.List;

/**
 * Devices declared in YAML ({@code devices:}) or on the command line, replacing detection so that a
 * schedule can be simulated.
 *
 * @param cpuThreads CPU threads the scheduler may hand out, >= 1
 * @param gpuMemoryBytes one entry per GPU, its memory in bytes
 */
public record DeviceSpec(int cpuThreads, List<Long> gpuMemoryBytes) {
    public DeviceSpec {
        if (cpuThreads < 1) {
            throw new IllegalArgumentException("devices.cpu_threads must be >= 1, got " + cpuThreads);
        }
        gpuMemoryBytes = gpuMemoryBytes == null ? List.of() : List.copyOf(gpuMemoryBytes);
        if (gpuMemoryBytes.stream().anyMatch(b -> b <= 0)) {
            throw new IllegalArgumentException("every GPU needs memory > 0 bytes, got " + gpuMemoryBytes);
        }
    }
}
