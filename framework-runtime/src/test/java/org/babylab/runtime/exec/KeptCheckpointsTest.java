package org.babylab.runtime.exec;

import static org.babylab.runtime.exec.fixtures.Experiments.basics;
import static org.babylab.runtime.exec.fixtures.Experiments.decl;
import static org.babylab.runtime.exec.fixtures.Experiments.experiment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.SourceLocation;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.PassesStageFactory;
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
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept checkpoints ({@code stage@name}): addressing, keys independent of later training, and reuse when a run is extended. */
class KeptCheckpointsTest {
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

    private ExperimentDefinition study(
            PassesStageFactory.Config stage, List<String> on, Map<String, SourceLocation> at) {
        List<ComponentDecl> c = new ArrayList<>(basics());
        c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
        c.add(decl(ComponentKind.STAGE, "more", "passes", stage));
        return experiment(dir, 7, List.of(new Trial(Map.of(), c, on, at)));
    }

    private Plan plan(int passes, boolean decaying, List<Integer> keep, List<String> on) {
        return new Planner(catalog, store)
                .plan(study(new PassesStageFactory.Config("uni", "extra", passes, decaying, keep, null), on, Map.of()));
    }

    private RunSummary run(Plan plan) {
        ExecutorOptions options =
                new ExecutorOptions(new PrintStream(console, true, StandardCharsets.UTF_8), false, false);
        return new Executor(catalog, store, DeviceInventory.of(new DeviceSpec(2, List.of())), options).run(plan);
    }

    private static PlannedStep step(Plan plan, String name) {
        return plan.stepNamed(name)
                .orElseThrow(() -> new AssertionError("no step " + name + " in "
                        + plan.steps().stream().map(PlannedStep::name).toList()));
    }

    @Test
    void star_addresses_every_kept_checkpoint_and_a_name_addresses_one() {
        Plan all = plan(3, false, List.of(1, 2, 3), List.of("more@*"));
        assertEquals(
                List.of("eval:lp on more@pass-1", "eval:lp on more@pass-2", "eval:lp on more@pass-3"),
                all.steps().stream()
                        .filter(PlannedStep::isEvaluation)
                        .map(PlannedStep::name)
                        .toList());
        PlannedStep kept = step(all, "stage:more@pass-2");
        assertEquals(step(all, "stage:more").key(), kept.kept().stageKey());
        assertEquals(
                List.of(step(all, "stage:more").key()), kept.dependsOn(), "ordered after the stage that publishes it");
        assertEquals(kept.key(), step(all, "eval:lp on more@pass-2").inputs().get(PlannedStep.EVALUATED_MODEL));

        Plan one = plan(3, false, List.of(1, 2, 3), List.of("more@pass-2", "more"));
        assertEquals(
                List.of("eval:lp on more@pass-2", "eval:lp on more"),
                one.steps().stream()
                        .filter(PlannedStep::isEvaluation)
                        .map(PlannedStep::name)
                        .toList());
    }

    @Test
    void an_unknown_checkpoint_is_reported_where_it_is_written_with_the_valid_names() {
        SourceLocation at = new SourceLocation("experiment.yaml", 31, 9);
        ExperimentException e = assertThrows(
                ExperimentException.class,
                () -> new Planner(catalog, store)
                        .plan(study(
                                new PassesStageFactory.Config("uni", "extra", 3, false, List.of(1, 3), null),
                                List.of("more@pass-2"),
                                Map.of("more@pass-2", at))));
        String message = e.getMessage();
        assertTrue(message.contains("experiment.yaml:31:9"), message);
        assertTrue(message.contains("keeps no checkpoint 'pass-2'"), message);
        assertTrue(message.contains("pass-1, pass-3") && message.contains("more@*"), message);
    }

    @Test
    void a_checkpoint_key_does_not_depend_on_training_beyond_it_unless_the_schedule_does() {
        Plan two = plan(2, false, List.of(1, 2), List.of("more@*"));
        Plan eight = plan(8, false, List.of(1, 2), List.of("more@*"));
        assertNotEquals(step(two, "stage:more").key(), step(eight, "stage:more").key());
        assertEquals(
                step(two, "stage:more@pass-2").key(),
                step(eight, "stage:more@pass-2").key(),
                "a longer run takes pass 2 with the same weights");
        assertEquals(
                step(two, "eval:lp on more@pass-2").key(),
                step(eight, "eval:lp on more@pass-2").key());

        Plan twoDecaying = plan(2, true, List.of(1, 2), List.of("more@*"));
        Plan eightDecaying = plan(8, true, List.of(1, 2), List.of("more@*"));
        PlannedStep k2 = step(twoDecaying, "stage:more@pass-2");
        assertNotEquals(
                k2.key(),
                step(eightDecaying, "stage:more@pass-2").key(),
                "a schedule over the whole run changes the weights at pass 2, so the key covers the length");
        assertTrue(
                k2.keyDocument().toString().contains("the schedule decays to the last pass")
                        || String.valueOf(k2.keyDocument().config()).contains("the schedule decays to the last pass"),
                "the key document says why: " + k2.keyDocument());
    }

    @Test
    void not_keyed_settings_leave_the_stage_key_alone() {
        ExperimentDefinition a = study(
                new PassesStageFactory.Config("uni", "extra", 2, false, List.of(1), 5), List.of("more"), Map.of());
        ExperimentDefinition b = study(
                new PassesStageFactory.Config("uni", "extra", 2, false, List.of(1, 2), 500), List.of("more"), Map.of());
        assertEquals(
                step(new Planner(catalog, store).plan(a), "stage:more").key(),
                step(new Planner(catalog, store).plan(b), "stage:more").key(),
                "checkpoint_every and keep do not change the stage's output");
    }

    @Test
    void extending_training_computes_only_the_new_checkpoints_and_their_evaluations() throws Exception {
        Plan first = plan(2, false, List.of(1, 2, 3), List.of("more@*"));
        RunSummary r1 = run(first);
        assertTrue(r1.succeeded(), console.toString());
        // tokenizer, model, stage, 2 checkpoints, 2 evaluations
        assertEquals(7, r1.ran(), console.toString());
        PlannedStep pass1 = step(first, "stage:more@pass-1");
        EntryMetadata meta = store.metadata(pass1.key()).orElseThrow();
        assertEquals(
                step(first, "model:uni").key(),
                meta.inputs().get("uni"),
                "the parent chain goes back through the stage's inputs");
        assertEquals("unigram", meta.family().type());
        // extra.txt has "the" once: one pass over it adds 1 to train.txt's 3.
        List<String> vocab = Files.readAllLines(store.outputDir(pass1.key()).resolve("vocab.txt"));
        List<String> counts = Files.readAllLines(store.outputDir(pass1.key()).resolve("counts.txt"));
        assertEquals(
                "4", counts.get(vocab.indexOf("the")), "pass-1 holds the weights after the first pass, not the last");

        console.reset();
        Plan longer = plan(3, false, List.of(1, 2, 3), List.of("more@*"));
        RunSummary r2 = run(longer);
        assertTrue(r2.succeeded(), console.toString());
        // the stage (its key covers passes), pass-3 and its evaluation; pass-1, pass-2 and their evaluations are reused
        assertEquals(3, r2.ran(), console.toString());
        assertEquals(6, r2.reused(), console.toString());
        assertEquals(1, recorder.calls("pending:pass-3"), "only the new checkpoint is published");
    }

    @Test
    void keeping_another_checkpoint_of_a_finished_stage_trains_it_again_for_that_checkpoint_only() {
        RunSummary r1 = run(plan(2, false, List.of(1), List.of("more@*")));
        assertTrue(r1.succeeded(), console.toString());
        Plan more = plan(2, false, List.of(1, 2), List.of("more@*"));
        RunSummary r2 = run(more);
        assertTrue(r2.succeeded(), console.toString());
        assertEquals(1, recorder.calls("pending:pass-2"));
        assertTrue(store.isComplete(step(more, "stage:more@pass-2").key()));
        // the stage (trained again, not republished), pass-2 and its evaluation
        assertEquals(3, r2.ran(), console.toString());
    }

    @Test
    void a_checkpoint_the_stage_never_reaches_fails_once_without_training_the_stored_stage_again() {
        PassesStageFactory.Config beyond =
                new PassesStageFactory.Config("uni", "extra", 2, false, List.of(1, 3), null, true);
        Plan plan = new Planner(catalog, store).plan(study(beyond, List.of("more@*"), Map.of()));
        RunSummary r1 = run(plan);
        assertEquals(1, r1.failed(), console.toString());
        assertTrue(
                r1.failures().get(0).message().contains("finished without reaching this checkpoint"),
                r1.failures().get(0).message());
        assertTrue(store.isComplete(step(plan, "stage:more@pass-1").key()), "the reached checkpoint is kept");
        int trained = recorder.callsStartingWith("create:stage:more");

        RunSummary r2 = run(new Planner(catalog, store).plan(study(beyond, List.of("more@*"), Map.of())));
        assertEquals(
                trained,
                recorder.callsStartingWith("create:stage:more"),
                "the stored stage is not trained again for it");
        assertEquals(1, r2.failed(), console.toString());
    }

    @Test
    void explain_says_why_a_longer_run_cannot_reuse_a_checkpoint_whose_schedule_covers_the_length() {
        assertTrue(run(plan(2, true, List.of(1), List.of("more@*"))).succeeded(), console.toString());
        String decaying = new org.babylab.runtime.internal.plan.KeyExplainer(store)
                .explain(plan(3, true, List.of(1), List.of("more@*")), "stage:more@pass-1");
        assertTrue(decaying.contains("config passes: 2 → 3"), decaying);
        assertTrue(decaying.contains("the schedule decays to the last pass"), decaying);

        assertTrue(run(plan(2, false, List.of(1), List.of("more@*"))).succeeded(), console.toString());
        String constant = new org.babylab.runtime.internal.plan.KeyExplainer(store)
                .explain(plan(3, false, List.of(1), List.of("more@*")), "stage:more@pass-1");
        assertTrue(constant.contains("is cached"), constant);
    }
}
