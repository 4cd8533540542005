package org.babylab.runtime.exec;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.babylab.runtime.exec.fixtures.AddCountsStageFactory;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
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

class ConcurrentRunsTest {
    @TempDir
    Path dir;

    @Test
    void two_launchers_sharing_a_store_compute_each_step_once() throws Exception {
        Experiments.writeCorpus(dir);
        Recorder recorder = new Recorder();
        TestCatalog catalog = TestCatalog.standard(recorder);
        var def = Experiments.simple(
                dir,
                new UnigramModelFactory.Config("words", "corpus", 1.0, 1, 0, 200L),
                new AddCountsStageFactory.Config("uni", "extra", 1, 0, false, 200L, false));
        // Two launchers: separate Store, Planner and Executor instances over one directory.
        CompletableFuture<RunSummary> a = CompletableFuture.supplyAsync(() -> launch(catalog, def));
        CompletableFuture<RunSummary> b = CompletableFuture.supplyAsync(() -> launch(catalog, def));

        await().atMost(Duration.ofSeconds(30)).until(() -> a.isDone() && b.isDone());

        RunSummary ra = a.get();
        RunSummary rb = b.get();
        assertEquals(5, ra.ran() + rb.ran(), "every step computed by exactly one launcher");
        assertEquals(5, ra.reused() + rb.reused());
        assertEquals(1, recorder.calls("create:model:uni"));
        assertEquals(1, recorder.calls("create:stage:more"));
        assertEquals(1, recorder.calls("create:eval:lp on more"));
    }

    private RunSummary launch(TestCatalog catalog, org.babylab.runtime.internal.model.ExperimentDefinition def) {
        Store store = new Store(dir.resolve("store"));
        Plan plan = new Planner(catalog, store).plan(def);
        return new Executor(
                        catalog,
                        store,
                        DeviceInventory.of(new DeviceSpec(2, List.of())),
                        new ExecutorOptions(new PrintStream(OutputStream.nullOutputStream()), false, false))
                .run(plan);
    }
}
