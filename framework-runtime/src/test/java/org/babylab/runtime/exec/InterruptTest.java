package org.babylab.runtime.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.exec.ExecutorOptions;
import org.babylab.runtime.internal.exec.RunSummary;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptTest {
    @TempDir
    Path dir;

    @Test
    void terminating_the_launcher_cancels_the_running_step_publishes_nothing_and_a_rerun_resumes() throws Exception {
        Experiments.writeCorpus(dir);
        Process launcher = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CancellableRunMain.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // The launcher is gone and its pipe with it: nothing more to read.
            }
        });
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> lines.stream().anyMatch(l -> l.startsWith("[start] stage:more")));

            launcher.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C
            assertTrue(launcher.waitFor(20, TimeUnit.SECONDS), "the launcher exits promptly: " + lines);
        } finally {
            launcher.destroyForcibly();
        }
        reader.join(5000);

        Store store = new Store(dir.resolve("store"));
        Recorder recorder = new Recorder();
        TestCatalog catalog = TestCatalog.standard(recorder);
        Plan plan = new Planner(catalog, store).plan(CancellableRunMain.experiment(dir, 60_000));
        String stageKey = plan.stepNamed("stage:more").orElseThrow().key();
        assertFalse(store.isComplete(stageKey), "a cancelled step is never published");
        assertTrue(Files.readString(store.logFile(stageKey)).contains("cancelled"), "its log says why it stopped");
        try (var tmp = Files.list(store.root().resolve("tmp"))) {
            assertEquals(0, tmp.count(), "the cancelled attempt cleaned up after itself");
        }

        // Run again (with a short stage so that the test stays fast): everything finished is reused.
        Plan quick = new Planner(catalog, store).plan(CancellableRunMain.experiment(dir, 0));
        RunSummary resumed = new Executor(
                        catalog,
                        store,
                        DeviceInventory.of(new DeviceSpec(2, List.of())),
                        new ExecutorOptions(new PrintStream(OutputStream.nullOutputStream()), false, false))
                .run(quick);
        assertEquals(0, recorder.calls("create:model:uni"), "the model finished before the interrupt and is reused");
        assertTrue(resumed.succeeded());
    }
}
