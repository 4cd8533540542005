package org.babylab.runtime.internal.exec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.babylab.api.step.Device;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.ResourceRequest;

/**
 * The free part of a {@link DeviceInventory}: hands out {@link DeviceLease}s and takes them back.
 * A GPU is leased whole to one step at a time (steps of one machine seldom share memory safely).
 * Thread-safe (all methods synchronized).
 */
public final class ResourcePool {
    private final DeviceInventory inventory;
    private int freeThreads;
    private final Set<Device> freeGpus;

    public ResourcePool(DeviceInventory inventory) {
        this.inventory = inventory;
        this.freeThreads = inventory.cpuThreads();
        this.freeGpus = new LinkedHashSet<>(inventory.gpus());
    }

    /**
     * The request as this inventory will serve it: a GPU-optional request on a machine without any GPU
     * becomes a CPU request, and a CPU thread count above the machine's is lowered to all of its
     * threads, because threads are a degree of parallelism the step can live without while GPU memory
     * is not.
     */
    public ResourceRequest effective(ResourceRequest request) {
        int gpus = request.gpuOptional() && inventory.gpus().isEmpty() ? 0 : request.gpus();
        int threads = Math.min(request.cpuThreads(), inventory.cpuThreads());
        return new ResourceRequest(threads, gpus, gpus == 0 ? 0 : request.gpuMemoryBytes(), request.gpuOptional());
    }

    /** Why {@code request} can never be served by this inventory, or empty when it can. */
    public Optional<String> whyNeverFits(ResourceRequest request) {
        ResourceRequest r = effective(request);
        if (r.gpus() == 0) {
            return Optional.empty();
        }
        long suitable = inventory.gpus().stream().filter(g -> fits(g, r)).count();
        if (suitable >= r.gpus()) {
            return Optional.empty();
        }
        String need = r.gpus() + " GPU(s)" + (r.gpuMemoryBytes() > 0 ? " with " + mib(r.gpuMemoryBytes()) + " MiB each" : "");
        return Optional.of("needs " + need + " but the devices are " + inventory
                + (inventory.gpus().isEmpty() ? "; run on a machine with a GPU or declare devices.gpus" : ""));
    }

    /** Takes the devices for {@code request} if they are free now; empty otherwise. */
    public synchronized Optional<DeviceLease> tryAcquire(ResourceRequest request) {
        ResourceRequest r = effective(request);
        if (r.cpuThreads() > freeThreads) {
            return Optional.empty();
        }
        List<Device> granted = new ArrayList<>();
        for (Device g : freeGpus) {
            if (granted.size() == r.gpus()) {
                break;
            }
            if (fits(g, r)) {
                granted.add(g);
            }
        }
        if (granted.size() < r.gpus()) {
            return Optional.empty();
        }
        freeThreads -= r.cpuThreads();
        granted.forEach(freeGpus::remove);
        return Optional.of(new DeviceLease(r.cpuThreads(), granted));
    }

    /** Returns a lease's devices. */
    public synchronized void release(DeviceLease lease) {
        freeThreads += lease.cpuThreads();
        freeGpus.addAll(lease.gpus());
    }

    /** Free CPU threads now; for tests and diagnostics. */
    public synchronized int freeThreads() {
        return freeThreads;
    }

    private static boolean fits(Device gpu, ResourceRequest r) {
        // Memory 0 means unknown (a declared GPU without size): assume it fits rather than refuse.
        return r.gpuMemoryBytes() == 0 || gpu.memoryBytes() == 0 || gpu.memoryBytes() >= r.gpuMemoryBytes();
    }

    private static long mib(long bytes) {
        return bytes / (1024L * 1024L);
    }
}
