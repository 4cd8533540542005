package org.babylab.runtime.internal.exec;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.babylab.api.step.Device;
import org.babylab.runtime.internal.model.DeviceSpec;

/**
 * The devices the scheduler may hand out: a number of CPU threads and a list of GPUs with their
 * memory. Detected from the machine or declared, so that a schedule can be simulated. Immutable.
 */
public final class DeviceInventory {
    private static final long MIB = 1024L * 1024L;

    private final int cpuThreads;
    private final List<Device> gpus;

    private DeviceInventory(int cpuThreads, List<Device> gpus) {
        if (cpuThreads < 1) {
            throw new IllegalArgumentException("a device inventory needs at least one CPU thread, got " + cpuThreads);
        }
        this.cpuThreads = cpuThreads;
        this.gpus = List.copyOf(gpus);
    }

    /**
     * This machine: {@link Runtime#availableProcessors()} CPU threads and the GPUs {@code nvidia-smi}
     * lists, or none, quietly, when it is not on the PATH or fails.
     */
    public static DeviceInventory detect() {
        return new DeviceInventory(
                Runtime.getRuntime().availableProcessors(), queryNvidiaSmi().orElse(List.of()));
    }

    /** The declared devices of {@code spec}, GPUs numbered in order. */
    public static DeviceInventory of(DeviceSpec spec) {
        List<Device> gpus = new ArrayList<>();
        for (int i = 0; i < spec.gpuMemoryBytes().size(); i++) {
            gpus.add(Device.gpu(i, spec.gpuMemoryBytes().get(i)));
        }
        return new DeviceInventory(spec.cpuThreads(), gpus);
    }

    public int cpuThreads() {
        return cpuThreads;
    }

    /** The GPUs, possibly none. */
    public List<Device> gpus() {
        return gpus;
    }

    /**
     * Parses the output of {@code nvidia-smi --query-gpu=index,memory.total --format=csv,noheader,nounits}:
     * one {@code index, MiB} line per GPU.
     *
     * @throws IllegalArgumentException naming the line when it is not of that form
     */
    public static List<Device> parseNvidiaSmi(String output) {
        List<Device> out = new ArrayList<>();
        String[] lines = output.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split(",");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                out.add(Device.gpu(Integer.parseInt(parts[0].trim()), Long.parseLong(parts[1].trim()) * MIB));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "nvidia-smi output line " + (i + 1) + " is '" + line
                                + "'; expected '<index>, <memory in MiB>' such as '0, 81559'",
                        e);
            }
        }
        return out;
    }

    private static Optional<List<Device>> queryNvidiaSmi() {
        Optional<Path> exe = onPath("nvidia-smi");
        if (exe.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(
                            exe.get().toString(), "--query-gpu=index,memory.total", "--format=csv,noheader,nounits")
                    .redirectErrorStream(true)
                    .start();
            // Read before waiting: a full pipe would otherwise block the child forever.
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(parseNvidiaSmi(text));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(cpuThreads + " CPU thread(s)");
        for (Device g : gpus) {
            sb.append(", ").append(g).append(" (").append(g.memoryBytes() / MIB).append(" MiB)");
        }
        return sb.toString();
    }
}
