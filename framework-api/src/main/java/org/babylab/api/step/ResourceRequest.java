package org.babylab.api.step;

/**
 * What one step needs to run. The scheduler starts a step only when the request fits the free
 * devices.
 *
 * @param cpuThreads CPU threads, >= 1
 * @param gpus GPUs, >= 0
 * @param gpuMemoryBytes memory needed on each GPU, 0 if unknown
 * @param gpuOptional true when the step can run on the CPU if no GPU is present at all
 */
public record ResourceRequest(int cpuThreads, int gpus, long gpuMemoryBytes, boolean gpuOptional) {
    public ResourceRequest {
        if (cpuThreads < 1) {
            throw new IllegalArgumentException("cpuThreads must be >= 1, got " + cpuThreads);
        }
        if (gpus < 0 || gpuMemoryBytes < 0) {
            throw new IllegalArgumentException(
                    "gpus and gpuMemoryBytes must be >= 0, got " + gpus + ", " + gpuMemoryBytes);
        }
    }

    public static ResourceRequest cpu(int threads) {
        return new ResourceRequest(threads, 0, 0, false);
    }

    /** One GPU with {@code memoryBytes} free if the machine has GPUs, else {@code cpuThreads} CPU threads. */
    public static ResourceRequest gpuPreferred(int cpuThreads, long memoryBytes) {
        return new ResourceRequest(cpuThreads, 1, memoryBytes, true);
    }
}
