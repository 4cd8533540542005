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
 *
 * <p>CPU threads are elastic: a lease reserves the threads its step asked for (admission counts only
 * those, so a step never waits for threads another step merely borrows), and the threads no lease
 * reserves are shared out among the running steps ({@link #threadsNow}). A step alone on the
 * machine may so use every core, and gives the extra back as soon as another step starts; steps
 * read their share at safe points (PyTorch between batches).
 * Thread-safe (all methods synchronized).
 */
public final class ResourcePool {
    private final DeviceInventory inventory;
    private int freeThreads;
    private final Set<Device> freeGpus;
    /** Leases granted and not yet released, oldest first; compared by identity (equal leases are distinct grants). */
    private final List<DeviceLease> running = new ArrayList<>();

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
        String need =
                r.gpus() + " GPU(s)" + (r.gpuMemoryBytes() > 0 ? " with " + mib(r.gpuMemoryBytes()) + " MiB each" : "");
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
        DeviceLease lease = new DeviceLease(r.cpuThreads(), granted);
        running.add(lease);
        return Optional.of(lease);
    }

    /** Returns a lease's devices. */
    public synchronized void release(DeviceLease lease) {
        for (int i = 0; i < running.size(); i++) {
            if (running.get(i) == lease) {
                running.remove(i);
                break;
            }
        }
        freeThreads += lease.cpuThreads();
        freeGpus.addAll(lease.gpus());
    }

    /**
     * The CPU threads the holder of {@code lease} may keep busy now: its reserved threads plus an
     * equal part of the threads no running lease reserves (the remainder going to the oldest
     * leases), so the shares of all running steps add up to the machine's threads. Never below the
     * lease's own threads; a lease not (or no longer) held gets just those.
     */
    public synchronized int threadsNow(DeviceLease lease) {
        int index = -1;
        for (int i = 0; i < running.size(); i++) {
            if (running.get(i) == lease) {
                index = i;
                break;
            }
        }
        if (index < 0) {
            return lease.cpuThreads();
        }
        int n = running.size();
        return lease.cpuThreads() + freeThreads / n + (index < freeThreads % n ? 1 : 0);
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
