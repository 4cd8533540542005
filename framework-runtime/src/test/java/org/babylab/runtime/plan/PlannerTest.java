package org.babylab.runtime.plan;

import static org.babylab.runtime.exec.fixtures.Experiments.basics;
import static org.babylab.runtime.exec.fixtures.Experiments.decl;
import static org.babylab.runtime.exec.fixtures.Experiments.experiment;
import static org.babylab.runtime.exec.fixtures.Experiments.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.ExperimentException;
import org.babylab.runtime.exec.fixtures.AddCountsStageFactory;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    @TempDir
    Path dir;

    private final Recorder recorder = new Recorder();
    private Store store;

    @BeforeEach
    void setUp() throws Exception {
        Experiments.writeCorpus(dir);
        store = new Store(dir.resolve("store"));
    }

    private Plan plan(ExperimentDefinition def) {
        return plan(TestCatalog.standard(recorder), def);
    }

    private Plan plan(ComponentCatalog catalog, ExperimentDefinition def) {
        return new Planner(catalog, store).plan(def);
    }

    private static String key(Plan plan, String name) {
        return plan.stepNamed(name)
                .orElseThrow(() -> new AssertionError("no " + name + " in "
                        + plan.steps().stream().map(PlannedStep::name).toList()))
                .key();
    }

    /** Two trials that differ only in the data of the stage: everything upstream of the stage is shared. */
    private ExperimentDefinition sweepOverStageData() {
        List<Trial> trials = new ArrayList<>();
        for (String data : List.of("extra", "heldout")) {
            List<ComponentDecl> c = new ArrayList<>(basics());
            c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
            c.add(decl(ComponentKind.STAGE, "more", "add-counts", new AddCountsStageFactory.Config("uni", data)));
            trials.add(trial(Map.of("data", data), c, List.of("uni", "more")));
        }
        return experiment(dir, 3, trials);
    }

    @Test
    void plans_one_step_per_tokenizer_model_stage_and_evaluation_in_dependency_order() {
        Plan plan = plan(Experiments.simple(dir));

        assertEquals(
                List.of("tokenizer:words", "model:uni", "stage:more", "eval:lp on uni", "eval:lp on more"),
                plan.steps().stream().map(PlannedStep::name).toList());
        assertEquals(3, plan.sources().size(), "the three datasets are sources, not steps");
        PlannedStep stage = plan.stepNamed("stage:more").orElseThrow();
        assertEquals(List.of(key(plan, "model:uni")), stage.dependsOn());
        assertEquals("uni", stage.family().name(), "the stage's output is loaded by the model it starts from");
        PlannedStep eval = plan.stepNamed("eval:lp on more").orElseThrow();
        assertEquals(stage.key(), eval.inputs().get(PlannedStep.EVALUATED_MODEL));
    }

    /** {@link Experiments#simple} with the corpus dataset's path spelled {@code corpusPath}. */
    private ExperimentDefinition withCorpusSpelled(String corpusPath) {
        List<ComponentDecl> c = new ArrayList<>(basics());
        c.set(
                0,
                decl(
                        ComponentKind.DATASET,
                        "corpus",
                        "lines",
                        new org.babylab.runtime.exec.fixtures.LinesDatasetFactory.Config(corpusPath)));
        c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
        c.add(decl(ComponentKind.STAGE, "more", "add-counts", new AddCountsStageFactory.Config("uni", "extra")));
        return experiment(dir, 7, List.of(trial(Map.of(), c, List.of("uni", "more"))));
    }

    @Test
    void keys_do_not_depend_on_how_a_data_path_is_spelled() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("sub"));
        List<String> relative = plan(withCorpusSpelled("train.txt")).steps().stream()
                .map(PlannedStep::key)
                .toList();
        for (String spelling :
                List.of(dir.resolve("train.txt").toAbsolutePath().toString(), "./train.txt", "sub/../train.txt")) {
            assertEquals(
                    relative,
                    plan(withCorpusSpelled(spelling)).steps().stream()
                            .map(PlannedStep::key)
                            .toList(),
                    spelling);
        }
        java.nio.file.Files.writeString(dir.resolve("other.txt"), "the cat sat\nthe dog sat\n\nthe cat ran\n");
        List<String> otherFile = plan(withCorpusSpelled("other.txt")).steps().stream()
                .map(PlannedStep::key)
                .toList();
        assertTrue(
                !relative.get(0).equals(otherFile.get(0)), "another file of the same content is another resolved path");
    }

    @Test
    void steps_shared_by_several_trials_are_planned_once() {
        Plan plan = plan(sweepOverStageData());

        assertEquals(
                7,
                plan.steps().size(),
                plan.steps().stream().map(PlannedStep::name).toList().toString());
        assertEquals(3, plan.savedBySharing(), "tokenizer, model and its evaluation are shared by both trials");
        PlannedStep model = plan.stepNamed("model:uni").orElseThrow();
        assertEquals(List.of("data=extra", "data=heldout"), model.trials());
        assertTrue(plan.stepNamed("stage:more [data=extra]").isPresent());
        assertTrue(plan.stepNamed("stage:more [data=heldout]").isPresent());
    }

    @Test
    void the_key_does_not_depend_on_the_order_of_yaml_keys_or_how_a_number_is_spelled() {
        UnigramModelFactory.Config config = new UnigramModelFactory.Config("words", "corpus", 1.0, 1, 0, 0L);
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("tokenizer", "words");
        written.put("train_on", "corpus");
        written.put("smoothing", 1.0);
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("smoothing", 1);
        reordered.put("train_on", "corpus");
        reordered.put("tokenizer", "words");

        String a = key(plan(withModel(decl(ComponentKind.MODEL, "uni", "unigram", config, written))), "model:uni");
        String b = key(plan(withModel(decl(ComponentKind.MODEL, "uni", "unigram", config, reordered))), "model:uni");

        assertEquals(a, b);
    }

    private ExperimentDefinition withModel(ComponentDecl model) {
        List<ComponentDecl> c = new ArrayList<>(basics());
        c.add(model);
        return experiment(dir, 3, List.of(trial(Map.of(), c, List.of())));
    }

    @Test
    void the_key_changes_with_the_config_and_so_do_the_keys_downstream() {
        Plan before = plan(Experiments.simple(dir));
        Plan after = plan(Experiments.simple(
                dir,
                new UnigramModelFactory.Config("words", "corpus", 0.5, null, null, null),
                new AddCountsStageFactory.Config("uni", "extra")));

        assertEquals(key(before, "tokenizer:words"), key(after, "tokenizer:words"));
        assertNotEquals(key(before, "model:uni"), key(after, "model:uni"));
        assertNotEquals(key(before, "stage:more"), key(after, "stage:more"), "the stage's input changed");
    }

    @Test
    void the_key_changes_with_the_factory_version_and_the_plugin_code() {
        String base = key(plan(Experiments.simple(dir)), "model:uni");

        String bumped =
                key(plan(TestCatalog.standard(recorder, "2", "c0de".repeat(16)), Experiments.simple(dir)), "model:uni");
        String rebuilt =
                key(plan(TestCatalog.standard(recorder, "1", "beef".repeat(16)), Experiments.simple(dir)), "model:uni");

        assertNotEquals(base, bumped);
        assertNotEquals(base, rebuilt);
    }

    @Test
    void the_key_changes_when_a_data_file_changes_even_though_no_config_does() throws Exception {
        Plan before = plan(Experiments.simple(dir));
        Files.writeString(dir.resolve("train.txt"), "an entirely different corpus\n");
        Plan after = plan(Experiments.simple(dir));

        assertNotEquals(key(before, "tokenizer:words"), key(after, "tokenizer:words"));
        assertNotEquals(key(before, "eval:lp on more"), key(after, "eval:lp on more"));
    }

    @Test
    void the_seed_depends_on_the_experiment_seed_and_component_not_on_the_trial() {
        Plan sweep = plan(sweepOverStageData());
        PlannedStep extra = sweep.stepNamed("stage:more [data=extra]").orElseThrow();
        PlannedStep heldout = sweep.stepNamed("stage:more [data=heldout]").orElseThrow();

        assertEquals(extra.keyDocument().seed(), heldout.keyDocument().seed());
        assertEquals(
                Planner.seedOf(3, ComponentKind.STAGE, "more"),
                extra.keyDocument().seed());
        assertNotEquals(
                Planner.seedOf(4, ComponentKind.STAGE, "more"),
                extra.keyDocument().seed());
    }

    @Test
    void a_stage_without_a_model_to_start_from_is_a_planning_error() {
        ExperimentDefinition def = Experiments.simple(
                dir,
                new UnigramModelFactory.Config("words", "corpus"),
                new AddCountsStageFactory.Config(null, "extra"));

        ExperimentException e = assertThrows(ExperimentException.class, () -> plan(def));

        assertTrue(
                e.getMessage().contains("stage 'more' must start from exactly one model, but its config names none"),
                e.getMessage());
        assertTrue(e.getMessage().contains("experiment.yaml:1:1"), e.getMessage());
    }

    @Test
    void dangling_references_and_unknown_types_are_all_reported_together() {
        List<ComponentDecl> c = new ArrayList<>(basics());
        c.add(decl(
                ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("no-such-tokenizer", "corpus")));
        c.add(decl(ComponentKind.MODEL, "other", "transformer", new UnigramModelFactory.Config("words", "corpus")));
        ExperimentDefinition def = experiment(dir, 0, List.of(trial(Map.of(), c, List.of("uni", "missing"))));

        ExperimentException e = assertThrows(ExperimentException.class, () -> plan(def));

        assertTrue(
                e.getMessage().contains("model:uni.tokenizer refers to tokenizer 'no-such-tokenizer'"), e.getMessage());
        assertTrue(e.getMessage().contains("no model type 'transformer' is installed"), e.getMessage());
        assertTrue(e.getMessage().contains("known model types: [unigram]"), e.getMessage());
        assertTrue(e.getMessage().contains("evaluate.on names 'missing'"), e.getMessage());
    }

    @Test
    void a_missing_data_file_is_a_planning_error_naming_it() throws Exception {
        Files.delete(dir.resolve("extra.txt"));

        ExperimentException e = assertThrows(ExperimentException.class, () -> plan(Experiments.simple(dir)));

        assertTrue(e.getMessage().contains("extra.txt does not exist"), e.getMessage());
    }

    @Test
    void planning_twice_does_not_reread_data_files_even_from_a_new_process() throws Exception {
        Files.write(dir.resolve("train.txt"), ("the cat sat on the mat\n".repeat(100_000)).getBytes());
        plan(Experiments.simple(dir));
        assertEquals(3, store.hasher().filesRead());

        store = new Store(dir.resolve("store")); // a fresh in-memory cache, as in a new process
        plan(Experiments.simple(dir));

        assertEquals(0, store.hasher().filesRead());
    }

    @Test
    void a_sub_plan_up_to_a_step_holds_it_and_everything_it_needs() {
        Plan plan = plan(Experiments.simple(dir));

        Plan sub = plan.upTo(List.of(key(plan, "stage:more")));

        assertEquals(
                List.of("tokenizer:words", "model:uni", "stage:more"),
                sub.steps().stream().map(PlannedStep::name).toList());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> plan.upTo(List.of("f".repeat(64))));
        assertTrue(e.getMessage().contains("model:uni"), e.getMessage());
    }
}
