package org.babylab.runtime;

import java.util.ArrayList;
import java.util.List;
import org.babylab.runtime.internal.dsl.ByteSize;

/**
 * Devices declared for a run instead of detected: CPU threads and one entry per GPU with its memory.
 *
 * <p>Added in API 0.6.
 *
 * @param cpuThreads CPU threads steps may use, at least 1
 * @param gpuMemoryBytes each GPU's memory in bytes, each positive; empty for none
 */
public record Devices(int cpuThreads, List<Long> gpuMemoryBytes) {
    public Devices {
        if (cpuThreads < 1) {
            throw new IllegalArgumentException("cpuThreads must be >= 1, got " + cpuThreads);
        }
        gpuMemoryBytes = List.copyOf(gpuMemoryBytes);
        if (gpuMemoryBytes.stream().anyMatch(b -> b <= 0)) {
            throw new IllegalArgumentException("every GPU needs a positive memory size, got " + gpuMemoryBytes);
        }
    }

    /**
     * Parses the command line's form, {@code cpu=N,gpu=SIZE,...} (e.g. {@code cpu=8,gpu=80GB,gpu=80GB});
     * without {@code cpu=} the machine's available processors.
     *
     * @throws BabyLabException naming the bad part and the valid form
     */
    public static Devices parse(String text) {
        int cpu = Runtime.getRuntime().availableProcessors();
        List<Long> gpus = new ArrayList<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw new BabyLabException("'" + part + "' is not KEY=VALUE; expected e.g. cpu=2,gpu=80GB");
            }
            switch (kv[0].trim()) {
                case "cpu" -> {
                    try {
                        cpu = Integer.parseInt(kv[1].trim());
                    } catch (NumberFormatException e) {
                        throw new BabyLabException("cpu=" + kv[1] + " is not a whole number of threads");
                    }
                }
                case "gpu" -> {
                    long bytes;
                    try {
                        bytes = ByteSize.parse(kv[1].trim());
                    } catch (IllegalArgumentException e) {
                        throw new BabyLabException(e.getMessage());
                    }
                    if (bytes <= 0) {
                        throw new BabyLabException(
                                "gpu=" + kv[1].trim() + " has no memory; give its size, e.g. gpu=80GB");
                    }
                    gpus.add(bytes);
                }
                default -> throw new BabyLabException("unknown device '" + kv[0] + "'; valid: cpu, gpu");
            }
        }
        if (cpu < 1) {
            throw new BabyLabException("cpu=" + cpu + " must be at least 1 thread");
        }
        return new Devices(cpu, gpus);
    }
}
