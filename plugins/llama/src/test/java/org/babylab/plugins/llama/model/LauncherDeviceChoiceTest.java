package org.babylab.plugins.llama.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's device choice ({@code launcher/device.sh}, sourced by {@code ./babylab}), run in
 * bash with a fake {@code nvidia-smi} on the PATH and a private DJL cache directory.
 */
class LauncherDeviceChoiceTest {
    private static final Path SCRIPT =
            Path.of("../../launcher/device.sh").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private Path bin;
    private Path cache;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(
                Files.isRegularFile(SCRIPT),
                "launcher/device.sh not found from " + Path.of("").toAbsolutePath());
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash");
        bin = Files.createDirectories(tmp.resolve("bin"));
        cache = Files.createDirectories(tmp.resolve("djl"));
    }

    private void fakeNvidiaSmi(String listing) throws IOException {
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\ncat <<'X'\n" + listing + "\nX\n");
        smi.toFile().setExecutable(true);
    }

    private void cachedCudaNatives() throws IOException {
        Path dir = Files.createDirectories(cache.resolve("pytorch/2.7.1-cu128-linux-x86_64"));
        Files.writeString(dir.resolve("libtorch.so"), "");
    }

    /** Sources the script, chooses, and returns its variables (and rc). */
    private Map<String, String> choose(Map<String, String> env) throws Exception {
        String cmd = "source '" + SCRIPT + "'; rc=0; babylab_choose_device || rc=$?; "
                + "echo \"rc=$rc\"; echo \"mode=$BABYLAB_DEVICE_MODE\"; echo \"natives=$BABYLAB_NATIVES\"; "
                + "echo \"flavor=${PYTORCH_FLAVOR:-}\"; echo \"version=${PYTORCH_VERSION:-}\"; echo \"note=$BABYLAB_DEVICE_NOTE\"";
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", "-c", cmd);
        pb.environment().clear();
        // Only the fake bin directory and the basics: a real nvidia-smi on the test machine must not leak in.
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("HOME", tmp.toString());
        pb.environment().put("DJL_CACHE_DIR", cache.toString());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Map<String, String> vars = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                vars.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return vars;
    }

    private static final String ONE_GPU = "GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-0000)";

    @Test
    void without_a_gpu_auto_keeps_the_offline_cpu_natives() throws Exception {
        Map<String, String> v = choose(Map.of());
        assertEquals("0", v.get("rc"));
        assertEquals("cpu", v.get("mode"));
        assertEquals("jar", v.get("natives"));
        assertEquals("", v.get("flavor"));
    }

    @Test
    void nvidia_smi_that_lists_no_gpu_counts_as_none() throws Exception {
        fakeNvidiaSmi("No devices were found");
        cachedCudaNatives();
        assertEquals("cpu", choose(Map.of()).get("mode"));
    }

    @Test
    void auto_uses_the_gpu_when_cuda_natives_are_in_djls_cache() throws Exception {
        fakeNvidiaSmi(ONE_GPU);
        cachedCudaNatives();
        Map<String, String> v = choose(Map.of());
        assertEquals("gpu", v.get("mode"));
        assertEquals("cache", v.get("natives"));
        assertEquals("cu128", v.get("flavor"));
        assertEquals("2.7.1", v.get("version"));
    }

    @Test
    void auto_with_a_gpu_but_no_cuda_natives_stays_on_the_cpu_and_says_how_to_enable_it() throws Exception {
        fakeNvidiaSmi(ONE_GPU);
        Map<String, String> v = choose(Map.of());
        assertEquals("cpu", v.get("mode"));
        assertTrue(v.get("note").contains("BABYLAB_DEVICE=gpu"), v.get("note"));
    }

    @Test
    void a_local_cuda_libtorch_in_pytorch_library_path_is_used() throws Exception {
        fakeNvidiaSmi(ONE_GPU);
        Path lib = Files.createDirectories(tmp.resolve("libtorch/lib"));
        Files.writeString(lib.resolve("libtorch.so"), "");
        Map<String, String> v = choose(Map.of("PYTORCH_LIBRARY_PATH", lib.toString()));
        assertEquals("gpu", v.get("mode"));
        assertEquals("library-path", v.get("natives"));
    }

    @Test
    void gpu_without_natives_downloads_them_once() throws Exception {
        fakeNvidiaSmi(ONE_GPU);
        Map<String, String> v = choose(Map.of("BABYLAB_DEVICE", "gpu"));
        assertEquals("gpu", v.get("mode"));
        assertEquals("download", v.get("natives"));
        assertTrue(v.get("note").contains(cache.resolve("pytorch").toString()), v.get("note"));
    }

    @Test
    void gpu_requested_without_a_gpu_is_an_error_naming_the_cause() throws Exception {
        Map<String, String> v = choose(Map.of("BABYLAB_DEVICE", "gpu"));
        assertEquals("2", v.get("rc"));
        assertTrue(v.get("note").contains("nvidia-smi lists no GPU"), v.get("note"));
    }

    @Test
    void gpu_requested_with_a_library_path_lacking_libtorch_is_an_error() throws Exception {
        fakeNvidiaSmi(ONE_GPU);
        Map<String, String> v = choose(Map.of("BABYLAB_DEVICE", "gpu", "PYTORCH_LIBRARY_PATH", tmp.toString()));
        assertEquals("2", v.get("rc"));
        assertTrue(v.get("note").contains("has no libtorch.so"), v.get("note"));
    }

    @Test
    void cpu_is_honoured_even_with_a_gpu_and_natives() throws Exception {
        fakeNvidiaSmi(ONE_GPU);
        cachedCudaNatives();
        assertEquals("cpu", choose(Map.of("BABYLAB_DEVICE", "cpu")).get("mode"));
    }

    @Test
    void an_unknown_device_value_is_an_error_listing_the_valid_ones() throws Exception {
        Map<String, String> v = choose(Map.of("BABYLAB_DEVICE", "tpu"));
        assertEquals("2", v.get("rc"));
        assertTrue(v.get("note").contains("cpu, gpu or auto"), v.get("note"));
    }
}
