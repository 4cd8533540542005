package org.babylab.runtime.exec;

import static org.babylab.runtime.exec.fixtures.Experiments.basics;
import static org.babylab.runtime.exec.fixtures.Experiments.decl;
import static org.babylab.runtime.exec.fixtures.Experiments.experiment;
import static org.babylab.runtime.exec.fixtures.Experiments.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.exec.fixtures.AddCountsStageFactory;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.exec.ExecutorOptions;
import org.babylab.runtime.internal.exec.RunSummary;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutorTest {
    @TempDir
    Path dir;

    private final Recorder recorder = new Recorder();
    private final TestCatalog catalog = TestCatalog.standard(recorder);
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private Store store;

    @BeforeEach
    void setUp() throws Exception {
        Experiments.writeCorpus(dir);
        store = new Store(dir.resolve("store"));
    }

    private RunSummary run(Plan plan, DeviceInventory devices) {
        ExecutorOptions options =
                new ExecutorOptions(new PrintStream(console, true, StandardCharsets.UTF_8), false, false);
        return new Executor(catalog, store, devices, options).run(plan);
    }

    private RunSummary run(Plan plan) {
        return run(plan, DeviceInventory.of(new DeviceSpec(2, List.of())));
    }

    private Plan plan(ExperimentDefinition def) {
        return new Planner(catalog, store).plan(def);
    }

    private static PlannedStep step(Plan plan, String name) {
        return plan.stepNamed(name)
                .orElseThrow(() -> new AssertionError("no step " + name + " in "
                        + plan.steps().stream().map(PlannedStep::name).toList()));
    }

    @Test
    void runs_every_step_and_publishes_outputs_with_provenance() throws Exception {
        Plan plan = plan(Experiments.simple(dir));
        RunSummary summary = run(plan);

        assertEquals(5, summary.ran(), console.toString());
        assertTrue(summary.succeeded());
        PlannedStep stage = step(plan, "stage:more");
        EntryMetadata meta = store.metadata(stage.key()).orElseThrow();
        assertEquals("unigram", meta.family().type(), "a stage's output belongs to its root model's family");
        assertEquals(step(plan, "model:uni").key(), meta.inputs().get("uni"));
        assertEquals(stage.key(), meta.keyDocument().key(), "the stored key document hashes back to the key");
        assertTrue(meta.manifest().containsKey("counts.txt"), meta.manifest().toString());
        assertEquals(
                java.util.Set.of("extra.txt"),
                meta.dataFiles().keySet(),
                "the data the stage read through its dataset");
        assertEquals("lines", meta.sources().values().iterator().next().type());
        assertEquals("test-plugin", meta.plugin().name());
        assertEquals(List.of("base"), meta.experiment().trials());
        assertFalse(
                Files.exists(store.checkpointDir(stage.key())), "checkpoints are removed once the output is published");

        // train.txt has the 3, extra.txt adds the 1 more: the stage really started from the model's counts.
        List<String> counts = Files.readAllLines(store.outputDir(stage.key()).resolve("counts.txt"));
        List<String> vocab = Files.readAllLines(store.outputDir(stage.key()).resolve("vocab.txt"));
        assertEquals("4", counts.get(vocab.indexOf("the")));

        PlannedStep eval = step(plan, "eval:lp on more");
        Path out = store.outputDir(eval.key());
        assertEquals(2, Files.readAllLines(out.resolve("predictions.jsonl")).size());
        assertTrue(Files.readString(out.resolve("metrics.json")).contains("mean_logprob"));
        assertTrue(console.toString().contains("[run] stage:more"), console.toString());
    }

    @Test
    void a_second_run_reuses_every_finished_step_without_calling_any_factory() {
        Plan plan = plan(Experiments.simple(dir));
        run(plan);
        int creates = recorder.callsStartingWith("create:");
        int loads = recorder.callsStartingWith("load:");

        RunSummary again = run(plan(Experiments.simple(dir)));

        assertEquals(0, again.ran());
        assertEquals(5, again.reused());
        assertEquals(creates, recorder.callsStartingWith("create:"));
        assertEquals(loads, recorder.callsStartingWith("load:"));
        assertTrue(console.toString().contains("[cached] eval:lp on more"), console.toString());
    }

    @Test
    void a_failing_step_skips_only_its_dependents_and_logs_its_stack_trace() throws Exception {
        AddCountsStageFactory.Config failing =
                new AddCountsStageFactory.Config("uni", "extra", null, null, null, null, true);
        Plan plan = plan(Experiments.simple(dir, new UnigramModelFactory.Config("words", "corpus"), failing));

        RunSummary summary = run(plan);

        assertEquals(1, summary.failed());
        assertEquals(1, summary.skipped(), "only the evaluation of the failed stage is skipped");
        assertEquals(3, summary.ran(), "tokenizer, model and the model's evaluation still run");
        var failure = summary.failures().get(0);
        assertEquals("stage:more", failure.stepName());
        assertTrue(failure.message().contains("stage told to fail"));
        String log = Files.readString(failure.logFile());
        assertTrue(log.contains("IllegalStateException") && log.contains("AddCountsStageFactory"), log);
        assertFalse(store.isComplete(failure.key()), "nothing of a failed step is published");
        assertTrue(store.failure(failure.key()).isPresent());
        assertTrue(
                console.toString().contains("[skip] eval:lp on more: upstream failed: stage:more"), console.toString());
        try (var tmp = Files.list(store.root().resolve("tmp"))) {
            assertEquals(0, tmp.count(), "the failed attempt's temp directory is removed");
        }
    }

    @Test
    void a_half_written_temp_dir_is_never_read_and_is_cleaned() throws Exception {
        Plan plan = plan(Experiments.simple(dir));
        PlannedStep model = step(plan, "model:uni");
        Path stale = store.root().resolve("tmp").resolve(model.key() + "-" + java.util.UUID.randomUUID() + "/output");
        Files.createDirectories(stale);
        Files.writeString(stale.resolve("counts.txt"), "garbage from a killed run");

        RunSummary summary = run(plan);

        assertEquals(5, summary.ran());
        assertEquals(1, recorder.calls("create:model:uni"), "the model was computed, not taken from the temp dir");
        assertFalse(Files.exists(stale.getParent()));
        assertFalse(Files.readString(store.outputDir(model.key()).resolve("counts.txt"))
                .contains("garbage"));
    }

    /** Two models that depend only on the tokenizer, each asking for {@code threads} threads and taking 300 ms. */
    private Plan twoIndependentModels(int threads, int gpus) {
        List<ComponentDecl> c = new ArrayList<>(basics());
        c.add(decl(
                ComponentKind.MODEL,
                "a",
                "unigram",
                new UnigramModelFactory.Config("words", "corpus", 1.0, threads, gpus, 300L)));
        c.add(decl(
                ComponentKind.MODEL,
                "b",
                "unigram",
                new UnigramModelFactory.Config("words", "corpus", 2.0, threads, gpus, 300L)));
        return plan(experiment(dir, 1, List.of(trial(Map.of(), c, List.of()))));
    }

    @Test
    void independent_steps_that_do_not_fit_together_run_one_after_the_other() {
        RunSummary summary = run(twoIndependentModels(2, 0), DeviceInventory.of(new DeviceSpec(2, List.of())));

        assertEquals(3, summary.ran());
        assertFalse(recorder.interval("model:a").overlaps(recorder.interval("model:b")));
    }

    @Test
    void independent_steps_that_fit_together_run_at_the_same_time() {
        RunSummary summary = run(twoIndependentModels(2, 0), DeviceInventory.of(new DeviceSpec(4, List.of())));

        assertEquals(3, summary.ran());
        assertTrue(recorder.interval("model:a").overlaps(recorder.interval("model:b")));
        assertEquals(2, recorder.interval("model:a").lease().cpuThreads());
    }

    @Test
    void gpu_steps_wait_for_the_declared_gpu_and_get_it_leased() {
        DeviceInventory oneGpu = DeviceInventory.of(new DeviceSpec(8, List.of(16L << 30)));

        RunSummary summary = run(twoIndependentModels(1, 1), oneGpu);

        assertEquals(3, summary.ran(), console.toString());
        Recorder.Interval a = recorder.interval("model:a");
        Recorder.Interval b = recorder.interval("model:b");
        assertFalse(a.overlaps(b), "one GPU serves one step at a time although CPU threads are plenty");
        assertEquals("gpu:0", a.lease().primary().toString());
        assertEquals("gpu:0", b.lease().primary().toString());
    }

    @Test
    void a_gpu_request_that_can_never_fit_fails_with_a_clear_message() {
        RunSummary summary = run(twoIndependentModels(1, 1), DeviceInventory.of(new DeviceSpec(4, List.of())));

        assertEquals(2, summary.failed());
        assertTrue(
                summary.failures().get(0).message().contains("needs 1 GPU(s)"),
                summary.failures().get(0).message());
        assertEquals(0, recorder.calls("create:model:a"));
    }

    @Test
    void a_gpu_optional_step_runs_on_cpu_threads_when_the_machine_has_no_gpu() {
        AddCountsStageFactory.Config optional =
                new AddCountsStageFactory.Config("uni", "extra", 2, 1, true, null, null);
        Plan plan = plan(Experiments.simple(dir, new UnigramModelFactory.Config("words", "corpus"), optional));

        RunSummary summary = run(plan, DeviceInventory.of(new DeviceSpec(2, List.of())));

        assertTrue(summary.succeeded(), summary.failures().toString());
        var lease = recorder.interval("stage:more").lease();
        assertTrue(lease.gpus().isEmpty());
        assertEquals(2, lease.cpuThreads());
    }

    @Test
    void a_damaged_input_entry_is_moved_aside_and_recomputed_before_the_step_that_reads_it() throws Exception {
        run(plan(Experiments.simple(dir)));
        Plan first = plan(Experiments.simple(dir));
        String modelKey = step(first, "model:uni").key();
        Files.writeString(store.outputDir(modelKey).resolve("counts.txt"), "1\n");

        // A new stage config means a new stage key: it must load the (damaged) model.
        Plan changed = plan(Experiments.simple(
                dir,
                new UnigramModelFactory.Config("words", "corpus"),
                new AddCountsStageFactory.Config("uni", "heldout")));
        int createdBefore = recorder.calls("create:model:uni");
        RunSummary summary = run(changed);

        assertTrue(summary.succeeded(), summary.failures() + "\n" + console);
        assertEquals(createdBefore + 1, recorder.calls("create:model:uni"), "the damaged model was computed again");
        assertTrue(console.toString().contains("[damaged] model:uni"), console.toString());
        assertTrue(store.verify(modelKey).ok(), "the recomputed entry is intact");
        try (var aside = Files.list(store.root().resolve("damaged"))) {
            assertEquals(1, aside.count(), "the damaged files are kept aside, not deleted");
        }
    }

    @Test
    void a_step_left_alone_gets_every_cpu_thread_and_shares_them_while_another_runs() throws Exception {
        // Two one-thread stages on a four-thread machine: each reserves one thread and the two
        // unreserved ones are shared out; once one finishes, the other gets all four.
        List<ComponentDecl> c = new ArrayList<>(basics());
        c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
        c.add(decl(
                ComponentKind.STAGE,
                "more",
                "add-counts",
                new AddCountsStageFactory.Config("uni", "extra", 1, null, null, 120_000L, null)));
        c.add(decl(
                ComponentKind.STAGE,
                "other",
                "add-counts",
                new AddCountsStageFactory.Config("uni", "heldout", 1, null, null, 120_000L, null)));
        Plan plan = plan(experiment(dir, 7, List.of(trial(Map.of(), c, List.of()))));
        RunSummary[] summary = new RunSummary[1];
        Thread runner = new Thread(() -> summary[0] = run(plan, DeviceInventory.of(new DeviceSpec(4, List.of()))));
        runner.start();
        try {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> recorder.threadsNow("stage:more") > 0 && recorder.threadsNow("stage:other") > 0);
            assertEquals(2, recorder.threadsNow("stage:more"), "its own thread and half of the two unreserved ones");
            assertEquals(2, recorder.threadsNow("stage:other"));

            recorder.release("stage:other");
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> recorder.threadsNow("stage:more") == 4);
            assertEquals(1, recorder.threadsNow("stage:other"), "a finished step's share falls back to its lease");
        } finally {
            recorder.release("stage:more");
            recorder.release("stage:other");
            runner.join(30_000);
        }
        assertTrue(summary[0].succeeded(), console.toString());
        assertEquals(
                1,
                recorder.interval("stage:more").lease().cpuThreads(),
                "the lease itself stays what the step asked for");
    }

    @Test
    void after_cancel_nothing_new_starts_and_the_running_step_is_not_published() throws Exception {
        List<ComponentDecl> c = new ArrayList<>(basics());
        c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
        c.add(decl(
                ComponentKind.STAGE,
                "more",
                "add-counts",
                new AddCountsStageFactory.Config("uni", "extra", null, null, null, 60_000L, null)));
        c.add(decl(
                ComponentKind.STAGE,
                "other",
                "add-counts",
                new AddCountsStageFactory.Config("uni", "heldout", null, null, null, 60_000L, null)));
        Plan plan = plan(experiment(dir, 7, List.of(trial(Map.of(), c, List.of()))));
        ExecutorOptions options =
                new ExecutorOptions(new PrintStream(console, true, StandardCharsets.UTF_8), false, false);
        Executor executor = new Executor(catalog, store, DeviceInventory.of(new DeviceSpec(1, List.of())), options);
        RunSummary[] summary = new RunSummary[1];
        Thread runner = new Thread(() -> summary[0] = executor.run(plan));
        runner.start();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> recorder.callsStartingWith("create:stage:") == 1);

        executor.cancel();
        runner.join(30_000);

        assertFalse(runner.isAlive(), "run returns once the running step has stopped");
        assertEquals(
                1,
                recorder.callsStartingWith("create:stage:"),
                "the other stage, waiting for the one CPU, never starts: " + console);
        assertTrue(summary[0].cancelled());
        assertEquals(0, summary[0].failed(), "a cancelled step is not a failure: " + console);
        assertTrue(console.toString().contains("[cancelled] stage:"), console.toString());
        assertFalse(store.isComplete(step(plan, "stage:more").key())
                || store.isComplete(step(plan, "stage:other").key()));
    }

    @Test
    void a_step_whose_launcher_was_killed_mid_way_is_named_with_the_likely_cause_and_computed_again() throws Exception {
        Plan plan = plan(Experiments.simple(dir));
        String modelKey = step(plan, "model:uni").key();
        store.begin(modelKey); // what a SIGKILLed launcher leaves: an attempt nobody holds the lock of

        RunSummary summary = run(plan);

        assertTrue(summary.succeeded(), console.toString());
        assertTrue(
                console.toString().contains("[warn] the last attempt at model:uni ended without finishing or failing")
                        && console.toString().contains("out-of-memory killer"),
                console.toString());
    }

    @Test
    void interactive_progress_redraws_a_live_area_and_keeps_the_finished_lines() {
        AddCountsStageFactory.Config slow =
                new AddCountsStageFactory.Config("uni", "extra", null, null, null, 700L, null);
        Plan plan = plan(Experiments.simple(dir, new UnigramModelFactory.Config("words", "corpus"), slow));
        ExecutorOptions options =
                new ExecutorOptions(new PrintStream(console, true, StandardCharsets.UTF_8), true, true);

        RunSummary summary =
                new Executor(catalog, store, DeviceInventory.of(new DeviceSpec(2, List.of())), options).run(plan);

        String out = console.toString(StandardCharsets.UTF_8);
        assertTrue(summary.succeeded());
        assertTrue(out.contains("\u001b[1F\u001b[J"), "the live area is cleared with ANSI escapes");
        assertTrue(out.contains("stage:more  count 1/1 lines"), out);
        assertTrue(out.contains("[run] stage:more"), out);
        assertTrue(out.contains("[stage:more] start stage:more"), "verbose echoes the step log:\n" + out);
    }
}
