package org.babylab.runtime.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.runtime.exec.fixtures.AddCountsStageFactory;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.exec.ExecutorOptions;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.slurm.ClusterSettings;
import org.babylab.runtime.internal.slurm.JobClass;
import org.babylab.runtime.internal.slurm.SlurmExporter;
import org.babylab.runtime.internal.slurm.StepLimits;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlurmExporterTest {
    @TempDir
    Path dir;

    @Test
    void writes_one_script_per_uncached_step_with_its_own_resources_absolute_paths_and_clears_stale_scripts()
            throws Exception {
        Experiments.writeCorpus(dir);
        TestCatalog catalog = TestCatalog.standard(new Recorder());
        Store store = new Store(dir.resolve("store"));
        // Cache the tokenizer only: it gets no script.
        var tokenizerOnly =
                Experiments.experiment(dir, 7, List.of(Experiments.trial(Map.of(), Experiments.basics(), List.of())));
        new Executor(
                        catalog,
                        store,
                        DeviceInventory.of(new DeviceSpec(2, List.of())),
                        new ExecutorOptions(new PrintStream(OutputStream.nullOutputStream()), false, false))
                .run(new Planner(catalog, store).plan(tokenizerOnly));
        Plan plan = new Planner(catalog, store)
                .plan(Experiments.simple(
                        dir,
                        new UnigramModelFactory.Config("words", "corpus", null, 64, null, null),
                        new AddCountsStageFactory.Config("uni", "extra", 2, 1, false, null, null)));
        Path slurmDir = dir.resolve("slurm");
        Files.createDirectories(slurmDir);
        Files.writeString(slurmDir.resolve("001-old_step.sbatch"), "#!/bin/bash\n");
        ClusterSettings settings = new ClusterSettings(
                "cpu",
                "gpu",
                "lab",
                "normal",
                2,
                List.of("module load java/17"),
                "apptainer exec --nv /shared/babylab.sif",
                List.of("--constraint=a100"),
                null,
                null,
                Map.of(JobClass.TRAINING, new StepLimits("12:00:00", 4096L, null)));

        List<SlurmExporter.ExportedJob> jobs = new SlurmExporter(catalog, store)
                .export(
                        plan,
                        slurmDir,
                        new SlurmExporter.JobTemplate(
                                dir.resolve("experiment.yaml"),
                                dir,
                                "/shared/babylab",
                                List.of("--store", "/s"),
                                settings));

        String uniKey = plan.stepNamed("model:uni").orElseThrow().shortKey();
        String moreKey = plan.stepNamed("stage:more").orElseThrow().shortKey();
        assertEquals(
                List.of(uniKey + "-model_uni.sbatch", moreKey + "-stage_more.sbatch"),
                jobs.stream()
                        .limit(2)
                        .map(j -> j.script().getFileName().toString())
                        .toList());
        assertEquals(4, jobs.size(), "model, stage and two evaluations; the cached tokenizer has no job");
        assertFalse(Files.exists(slurmDir.resolve("001-old_step.sbatch")), "scripts of earlier exports are removed");
        assertTrue(
                Files.isDirectory(slurmDir.resolve("logs")),
                "Slurm opens the log before the job starts, so its folder must exist");

        String model = Files.readString(jobs.get(0).script());
        assertTrue(model.contains("#SBATCH --job-name=" + plan.definition().name() + ":model:uni\n"), model);
        assertTrue(model.contains("#SBATCH --chdir=" + dir.toAbsolutePath() + "\n"), model);
        assertTrue(
                model.contains(
                        "#SBATCH --output=" + slurmDir.toAbsolutePath().resolve("logs") + "/" + uniKey + "-%j.out\n"),
                model);
        assertTrue(
                model.contains("#SBATCH --cpus-per-task=8\n"),
                "a request for 64 threads is capped, not copied: " + model);
        assertFalse(model.contains("--gres"), "a CPU-only step never asks for a GPU: " + model);
        assertTrue(model.contains("#SBATCH --partition=cpu\n#SBATCH"), model);
        assertTrue(model.contains("#SBATCH --mem=4096M\n#SBATCH --time=12:00:00\n"), model);
        assertTrue(model.contains("#SBATCH --account=lab\n#SBATCH --qos=normal\n"), model);
        assertTrue(model.contains("#SBATCH --constraint=a100\n"), model);
        assertTrue(model.contains("\nmodule load java/17\n"), model);
        assertTrue(model.contains("export BABYLAB_JAVA_OPTS=-Xmx3072m\n"), "heap is three quarters of --mem: " + model);
        assertTrue(model.contains("attempts=3\n"), "retries: 2 means three attempts: " + model);
        assertTrue(
                model.contains("  apptainer exec --nv /shared/babylab.sif /shared/babylab run "
                        + dir.toAbsolutePath().resolve("experiment.yaml") + " --only-step "
                        + plan.stepNamed("model:uni").orElseThrow().key() + " --store /s\n"),
                model);

        String stage = Files.readString(jobs.get(1).script());
        assertTrue(stage.contains("#SBATCH --gres=gpu:1\n"), stage);
        assertTrue(stage.contains("#SBATCH --partition=gpu\n"), stage);
        assertTrue(stage.contains("#SBATCH --cpus-per-task=2\n"), stage);

        String eval = Files.readString(jobs.get(2).script());
        assertTrue(eval.contains("#SBATCH --mem=8192M\n#SBATCH --time=4:00:00\n"), "evaluation defaults: " + eval);

        String submit = Files.readString(slurmDir.resolve("submit.sh"));
        assertTrue(
                submit.contains("job2=$(sbatch --parsable --dependency=afterok:$job1 --kill-on-invalid-dep=yes "),
                submit);
    }
}
