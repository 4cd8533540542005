package org.babylab.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.babylab.api.step.Device;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.ResourceRequest;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.ResourcePool;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.junit.jupiter.api.Test;

class DeviceInventoryTest {
    private static final long GIB = 1L << 30;

    @Test
    void parses_nvidia_smi_csv_output_into_gpus_with_memory_in_bytes() {
        String sample = "0, 81559\n1, 81559\r\n\n";

        List<Device> gpus = DeviceInventory.parseNvidiaSmi(sample);

        assertEquals(List.of(Device.gpu(0, 81559L * 1024 * 1024), Device.gpu(1, 81559L * 1024 * 1024)), gpus);
    }

    @Test
    void an_unexpected_nvidia_smi_line_is_reported_with_its_number() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DeviceInventory.parseNvidiaSmi("0, 81559\nNVIDIA-SMI has failed\n"));

        assertTrue(e.getMessage().contains("line 2 is 'NVIDIA-SMI has failed'"), e.getMessage());
    }

    @Test
    void detection_always_finds_at_least_one_cpu_thread() {
        assertTrue(DeviceInventory.detect().cpuThreads() >= 1);
    }

    @Test
    void a_pool_hands_out_threads_and_whole_gpus_until_released() {
        ResourcePool pool = new ResourcePool(DeviceInventory.of(new DeviceSpec(4, List.of(8 * GIB, 40 * GIB))));

        DeviceLease big =
                pool.tryAcquire(new ResourceRequest(1, 1, 20 * GIB, false)).orElseThrow();
        assertEquals(1, big.gpus().get(0).index(), "only GPU 1 has 20 GiB");
        assertTrue(pool.tryAcquire(new ResourceRequest(1, 1, 20 * GIB, false)).isEmpty(), "GPU 1 is taken");
        DeviceLease small =
                pool.tryAcquire(new ResourceRequest(1, 1, GIB, false)).orElseThrow();
        assertEquals(0, small.gpus().get(0).index());
        assertEquals(2, pool.freeThreads());

        pool.release(big);
        assertTrue(pool.tryAcquire(new ResourceRequest(2, 1, 20 * GIB, false)).isPresent());
    }

    @Test
    void unreserved_threads_are_shared_by_the_running_leases_and_return_when_one_ends() {
        ResourcePool pool = new ResourcePool(DeviceInventory.of(new DeviceSpec(5, List.of())));

        DeviceLease training = pool.tryAcquire(ResourceRequest.cpu(2)).orElseThrow();
        assertEquals(5, pool.threadsNow(training), "alone, a step may use every thread");
        DeviceLease eval = pool.tryAcquire(ResourceRequest.cpu(1)).orElseThrow();
        assertEquals(2 + 1, pool.threadsNow(training), "two unreserved threads, one each");
        assertEquals(1 + 1, pool.threadsNow(eval));
        DeviceLease other = pool.tryAcquire(ResourceRequest.cpu(1)).orElseThrow();
        assertEquals(2 + 1, pool.threadsNow(training), "the one unreserved thread goes to the oldest lease");
        assertEquals(1, pool.threadsNow(eval));
        assertEquals(1, pool.threadsNow(other));
        assertEquals(1, pool.freeThreads(), "admission still counts only reserved threads");

        pool.release(training);
        assertEquals(1 + 2, pool.threadsNow(eval), "three unreserved threads: the older lease gets two");
        assertEquals(1 + 1, pool.threadsNow(other));
        pool.release(eval);
        assertEquals(5, pool.threadsNow(other), "alone again: every thread");
        assertEquals(1, pool.threadsNow(eval), "a released lease gets only its own threads");
        DeviceLease twin = pool.tryAcquire(ResourceRequest.cpu(1)).orElseThrow();
        assertEquals(twin, other, "equal leases are equal records");
        assertEquals(3, pool.threadsNow(other), "but each is its own grant");
        assertEquals(5, pool.threadsNow(other) + pool.threadsNow(twin), "the shares add up to the machine's threads");
    }

    @Test
    void requests_that_can_never_fit_say_why_and_gpu_optional_ones_fall_back_to_cpu() {
        ResourcePool cpuOnly = new ResourcePool(DeviceInventory.of(new DeviceSpec(2, List.of())));
        ResourcePool smallGpu = new ResourcePool(DeviceInventory.of(new DeviceSpec(2, List.of(8 * GIB))));

        assertTrue(cpuOnly.whyNeverFits(new ResourceRequest(1, 1, 0, false))
                .orElseThrow()
                .contains("needs 1 GPU(s)"));
        assertTrue(smallGpu.whyNeverFits(new ResourceRequest(1, 1, 16 * GIB, false))
                .orElseThrow()
                .contains("16384 MiB"));
        assertTrue(
                cpuOnly.whyNeverFits(ResourceRequest.gpuPreferred(2, 16 * GIB)).isEmpty());
        assertEquals(
                0,
                cpuOnly.tryAcquire(ResourceRequest.gpuPreferred(2, 16 * GIB))
                        .orElseThrow()
                        .gpus()
                        .size());
        assertEquals(2, cpuOnly.effective(ResourceRequest.cpu(64)).cpuThreads(), "threads are capped at the machine's");
    }
}
