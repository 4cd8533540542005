package org.babylab.plugins.llama.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.babylab.api.step.DeviceLease;

/**
 * Maps BabyLab's device leases onto DJL devices and sizes PyTorch's thread pool to the lease.
 * Thread-safe; the thread count is process-wide in PyTorch, so the last lease applied wins.
 */
public final class DjlDevices {
    /** The intra-op thread count last set through {@link #setThreads}; DJL's natives cannot report PyTorch's own. */
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private DjlDevices() {}

    /**
     * Sets PyTorch's intra-op thread count (process-wide) and remembers it for the work this plugin
     * splits across threads itself (the fused AdamW update). Use this rather than
     * {@code JniUtils.setNumThreads}, whose value the natives of DJL 0.35.1 cannot read back.
     */
    public static void setThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + count);
        }
        Engine.getEngine("PyTorch"); // loads the natives before the JNI call
        JniUtils.setNumThreads(count);
        threads = count;
    }

    /** The thread count last set with {@link #setThreads} (the number of cores until then). */
    public static int threads() {
        return threads;
    }

    /**
     * The DJL device for the lease's primary device: {@code gpu(index)} for a GPU lease when the
     * loaded PyTorch natives can see that GPU, the CPU otherwise (the CPU natives see no GPU).
     * Also sets PyTorch's intra-op threads to {@link DeviceLease#cpuThreads()}.
     */
    public static ai.djl.Device forLease(DeviceLease lease) {
        Engine engine = Engine.getEngine("PyTorch");
        setThreads(lease.cpuThreads());
        org.babylab.api.step.Device d = lease.primary();
        if (d.kind() == org.babylab.api.step.Device.Kind.GPU && d.index() < engine.getGpuCount()) {
            return ai.djl.Device.gpu(d.index());
        }
        return ai.djl.Device.cpu();
    }

    /** A human-readable note when a GPU was leased but the natives cannot use it; empty otherwise. */
    public static String fallbackNote(DeviceLease lease, ai.djl.Device chosen) {
        if (lease.primary().kind() == org.babylab.api.step.Device.Kind.GPU && !chosen.isGpu()) {
            return "leased " + lease.primary() + " but the PyTorch natives on the class path see "
                    + Engine.getEngine("PyTorch").getGpuCount() + " GPUs; running on the CPU (see docs/devices.md)";
        }
        return "";
    }
}
