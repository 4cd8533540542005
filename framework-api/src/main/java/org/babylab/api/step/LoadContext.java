package org.babylab.api.step;

/**
 * What a factory may know when it loads a saved component back: the device it should place the
 * component on.
 */
public interface LoadContext {

    /** The device lease of the step that loads the component; CPU-only when it holds no GPU. */
    DeviceLease device();

    /**
     * The CPU threads the step may keep busy right now: its lease's {@link DeviceLease#cpuThreads()}
     * plus its share of the threads that no running step has reserved. It grows when other steps
     * finish (a step alone on the machine gets every core) and shrinks back, never below the lease's
     * threads, when others start. A component that can change its parallelism mid-way (PyTorch's
     * thread count between batches) reads it at such points; one that cannot uses
     * {@code device().cpuThreads()}. Defaults to the lease's threads. Thread-safe.
     *
     * <p>Added in API 0.5.
     */
    default int cpuThreadsNow() {
        return device().cpuThreads();
    }
}
