package org.babylab.runtime.internal.dsl;

import java.util.ArrayList;
import java.util.List;
import org.babylab.runtime.internal.model.DeviceSpec;

/**
 * Reads {@code devices: {cpu_threads: 2, gpus: [{memory: 80GB}, 40GiB]}}: declared devices that
 * replace detection. {@code cpu_threads} defaults to this machine's processor count; each GPU is
 * a mapping with {@code memory} or just the memory size. Stateless.
 */
final class DeviceSpecs {
    private static final List<String> KEYS = List.of("cpu_threads", "gpus");

    private DeviceSpecs() {}

    /** The spec, or null when {@code node} is absent or after reporting problems. */
    static DeviceSpec read(YamlNode node, Problems problems) {
        if (node == null || node instanceof YamlScalar s && s.value() == null) {
            return null;
        }
        if (!(node instanceof YamlMap map)) {
            problems.error(
                    node.location(),
                    "devices: must be a mapping, not " + node.describe(),
                    "e.g. devices: {cpu_threads: 2, gpus: [{memory: 80GB}]}");
            return null;
        }
        int errors = problems.errorCount();
        map.entries().values().stream()
                .filter(e -> !KEYS.contains(e.key()))
                .forEach(e -> problems.error(
                        e.keyLocation(),
                        "unknown key '" + e.key() + "' in devices",
                        Suggestions.hint(e.key(), KEYS, "valid keys")));
        int threads = Runtime.getRuntime().availableProcessors();
        YamlNode t = map.get("cpu_threads").orElse(null);
        if (t != null) {
            if (t instanceof YamlScalar s && s.value() instanceof Long l && l >= 1 && l <= Integer.MAX_VALUE) {
                threads = l.intValue();
            } else {
                problems.error(t.location(), "devices.cpu_threads must be an integer >= 1, got " + t.describe(), "");
            }
        }
        List<Long> gpus = new ArrayList<>();
        YamlNode g = map.get("gpus").orElse(null);
        if (g instanceof YamlSeq seq) {
            for (YamlNode gpu : seq.items()) {
                Long bytes = gpuMemory(gpu, problems);
                if (bytes != null) {
                    gpus.add(bytes);
                }
            }
        } else if (g != null && !(g instanceof YamlScalar s && s.value() == null)) {
            problems.error(
                    g.location(),
                    "devices.gpus must be a list with one entry per GPU, got " + g.describe(),
                    "e.g. gpus: [{memory: 80GB}, {memory: 40GiB}]");
        }
        return problems.errorCount() > errors ? null : new DeviceSpec(threads, gpus);
    }

    private static Long gpuMemory(YamlNode gpu, Problems problems) {
        YamlNode memory = gpu;
        if (gpu instanceof YamlMap m) {
            m.entries().values().stream()
                    .filter(e -> !e.key().equals("memory"))
                    .forEach(e -> problems.error(
                            e.keyLocation(),
                            "unknown key '" + e.key() + "' in a GPU of devices.gpus",
                            "valid keys: memory"));
            memory = m.get("memory").orElse(null);
            if (memory == null) {
                problems.error(gpu.location(), "a GPU in devices.gpus needs 'memory'", "e.g. {memory: 80GB}");
                return null;
            }
        }
        if (memory instanceof YamlScalar s && s.value() instanceof Long l && l > 0) {
            return l;
        }
        if (memory instanceof YamlScalar s && s.value() instanceof String text) {
            try {
                long bytes = ByteSize.parse(text);
                if (bytes <= 0) {
                    problems.error(
                            s.location(),
                            "devices.gpus: a GPU with " + text + " of memory can run nothing",
                            "give its memory, e.g. {memory: 80GB}, or leave the GPU out");
                    return null;
                }
                return bytes;
            } catch (IllegalArgumentException e) {
                problems.error(s.location(), "devices.gpus: " + e.getMessage(), "");
                return null;
            }
        }
        problems.error(
                memory.location(),
                "devices.gpus: GPU memory must be a size such as 80GB or 40GiB, got " + memory.describe(),
                "");
        return null;
    }
}
