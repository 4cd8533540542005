package org.babylab.runtime.exec;

import java.nio.file.Path;
import java.util.List;
import org.babylab.runtime.exec.fixtures.AddCountsStageFactory;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.exec.ExecutorOptions;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.Store;

/**
 * A launcher process for {@link InterruptTest}: runs {@link #experiment} in the directory given as
 * the first argument, with a stage that takes a minute unless cancelled.
 */
public final class CancellableRunMain {
    private CancellableRunMain() {}

    static org.babylab.runtime.internal.model.ExperimentDefinition experiment(Path dir, long stageMillis) {
        return Experiments.simple(
                dir,
                new UnigramModelFactory.Config("words", "corpus"),
                new AddCountsStageFactory.Config("uni", "extra", null, null, null, stageMillis, null));
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        TestCatalog catalog = TestCatalog.standard(new Recorder());
        Store store = new Store(dir.resolve("store"));
        var plan = new Planner(catalog, store).plan(experiment(dir, 60_000));
        System.out.println("planned");
        new Executor(
                        catalog,
                        store,
                        DeviceInventory.of(new DeviceSpec(2, List.of())),
                        new ExecutorOptions(System.out, false, false))
                .run(plan);
    }
}
