package org.babylab.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
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
import org.babylab.runtime.internal.exec.SlurmExporter;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmExporterTest {
    @TempDir
    Path dir;

    @Test
    void writes_one_script_per_uncached_step_chained_by_afterok_with_resources() throws Exception {
        Experiments.writeCorpus(dir);
        TestCatalog catalog = TestCatalog.standard(new Recorder());
        Store store = new Store(dir.resolve("store"));
        // Cache the tokenizer only: its job must be left out and nothing may wait for it.
        var tokenizerOnly = Experiments.experiment(dir, 7, List.of(Experiments.trial(java.util.Map.of(), Experiments.basics(), List.of())));
        new Executor(catalog, store, DeviceInventory.of(new DeviceSpec(2, List.of())),
                new ExecutorOptions(new PrintStream(OutputStream.nullOutputStream()), false, false))
                .run(new Planner(catalog, store).plan(tokenizerOnly));
        Plan plan = new Planner(catalog, store).plan(Experiments.simple(dir,
                new UnigramModelFactory.Config("words", "corpus", null, 4, null, null),
                new AddCountsStageFactory.Config("uni", "extra", 2, 1, false, null, null)));

        List<Path> files = new SlurmExporter(catalog, store).export(plan, dir.resolve("slurm"), "babylab");

        assertEquals(List.of("001-model_uni.sbatch", "002-stage_more.sbatch", "003-eval_lp_on_uni.sbatch",
                "004-eval_lp_on_more.sbatch", "submit.sh"), files.stream().map(p -> p.getFileName().toString()).toList());
        String model = Files.readString(files.get(0));
        String stage = Files.readString(files.get(1));
        String modelKey = plan.stepNamed("model:uni").orElseThrow().key();
        assertTrue(model.contains("#SBATCH --cpus-per-task=4\n"), model);
        assertTrue(!model.contains("--gres"), model);
        assertTrue(model.contains("exec babylab run " + dir.resolve("experiment.yaml") + " --only-step " + modelKey + "\n"), model);
        assertTrue(stage.contains("#SBATCH --gres=gpu:1\n#"), stage);
        assertTrue(stage.contains("#SBATCH --cpus-per-task=2\n"), stage);
        assertEquals("""
                job1=$(sbatch --parsable 001-model_uni.sbatch)
                echo "model:uni: job $job1"
                job2=$(sbatch --parsable --dependency=afterok:$job1 002-stage_more.sbatch)
                echo "stage:more: job $job2"
                job3=$(sbatch --parsable --dependency=afterok:$job1 003-eval_lp_on_uni.sbatch)
                echo "eval:lp on uni: job $job3"
                job4=$(sbatch --parsable --dependency=afterok:$job2 004-eval_lp_on_more.sbatch)
                echo "eval:lp on more: job $job4"
                """, Files.readString(files.get(4)).lines().skip(4).map(l -> l + "\n").reduce("", String::concat));
    }
}
