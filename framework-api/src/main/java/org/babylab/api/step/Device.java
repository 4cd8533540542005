package org.babylab.api.step;

/**
 * One compute device.
 *
 * @param kind CPU or GPU
 * @param index the device ordinal within its kind (0 for the CPU)
 * @param memoryBytes usable memory in bytes, 0 if unknown
 */
public record Device(Kind kind, int index, long memoryBytes) {
    public enum Kind {
        CPU,
        GPU
    }

    public Device {
        if (kind == null) {
            throw new IllegalArgumentException("device kind must be CPU or GPU");
        }
        if (index < 0 || memoryBytes < 0) {
            throw new IllegalArgumentException(
                    "device index and memory must be >= 0, got " + index + ", " + memoryBytes);
        }
    }

    public static Device cpu() {
        return new Device(Kind.CPU, 0, 0);
    }

    public static Device gpu(int index, long memoryBytes) {
        return new Device(Kind.GPU, index, memoryBytes);
    }

    @Override
    public String toString() {
        return kind == Kind.CPU ? "cpu" : "gpu:" + index;
    }
}
