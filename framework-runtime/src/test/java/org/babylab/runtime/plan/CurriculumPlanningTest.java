package org.babylab.runtime.plan;

import static org.babylab.runtime.exec.fixtures.Experiments.basics;
import static org.babylab.runtime.exec.fixtures.Experiments.decl;
import static org.babylab.runtime.exec.fixtures.Experiments.experiment;
import static org.babylab.runtime.exec.fixtures.Experiments.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.exec.fixtures.AddCountsStageFactory;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.FollowCurriculumStageFactory;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.exec.fixtures.TestCurricula.ConcatConfig;
import org.babylab.runtime.exec.fixtures.TestCurricula.InOrderConfig;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlanPrinter;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a stage that follows a curriculum is planned: one chained step per phase, keyed by the phase's
 * data order rather than by the curriculum's name, so curricula that begin alike share steps.
 * Datasets: {@code extra} (2 lines), {@code heldout} (2 lines), {@code corpus} (3 lines).
 */
class CurriculumPlanningTest {
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
        return new Planner(TestCatalog.standard(recorder), store).plan(def);
    }

    private static List<String> names(Plan plan) {
        return plan.steps().stream().map(PlannedStep::name).toList();
    }

    private static PlannedStep step(Plan plan, String name) {
        return plan.stepNamed(name).orElseThrow(() -> new AssertionError("no step " + name + " in " + names(plan)));
    }

    /** basics + model uni + the given curricula + stage tune following {@code follow}, evaluated on tune. */
    private static List<ComponentDecl> tuneWith(String follow, Map<String, Record> curricula, Double lr) {
        List<ComponentDecl> c = new ArrayList<>(basics());
        c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
        curricula.forEach((name, config) -> c.add(
                decl(ComponentKind.CURRICULUM, name, config instanceof ConcatConfig ? "concat" : "in-order", config)));
        c.add(decl(
                ComponentKind.STAGE,
                "tune",
                "follow-curriculum",
                new FollowCurriculumStageFactory.Config("uni", follow, lr)));
        return c;
    }

    private ExperimentDefinition single(String name, Record curriculum) {
        return experiment(
                dir, 3, List.of(trial(Map.of(), tuneWith(name, Map.of(name, curriculum), null), List.of("tune"))));
    }

    @Test
    void a_sequential_curriculum_becomes_one_chained_step_per_phase() {
        Plan plan = plan(single("extra-then-heldout", new InOrderConfig(List.of("extra", "heldout"))));

        assertEquals(
                List.of(
                        "tokenizer:words",
                        "model:uni",
                        "stage:tune phase 1/2 (extra)",
                        "stage:tune phase 2/2 (heldout)",
                        "eval:lp on tune"),
                names(plan));
        PlannedStep first = step(plan, "stage:tune phase 1/2 (extra)");
        PlannedStep second = step(plan, "stage:tune phase 2/2 (heldout)");
        assertEquals(List.of(step(plan, "model:uni").key()), first.dependsOn());
        assertEquals(List.of(first.key()), second.dependsOn());
        assertEquals(
                first.key(),
                second.inputs().get("uni"),
                "phase 2 starts from phase 1's output under the stage's 'from' name");
        assertEquals(
                second.key(),
                step(plan, "eval:lp on tune").inputs().get(PlannedStep.EVALUATED_MODEL),
                "the stage's name means its last phase");
        assertEquals(List.of("extra:0", "extra:1"), first.phase().order().pairs());
        assertTrue(
                first.inputs().containsKey("extra") && !first.inputs().containsKey("heldout"),
                "a phase's inputs are its own datasets");
        assertTrue(
                !first.keyDocument().config().containsKey("curriculum"),
                "the curriculum's name is not part of the key");
    }

    @Test
    void the_key_follows_the_phase_order_not_the_curriculum_name_or_type() {
        String renamed = step(
                        plan(single("b", new InOrderConfig(List.of("extra", "heldout")))),
                        "stage:tune phase 1/2 (extra)")
                .key();
        String original = step(
                        plan(single("a", new InOrderConfig(List.of("extra", "heldout")))),
                        "stage:tune phase 1/2 (extra)")
                .key();
        assertEquals(original, renamed, "renaming the curriculum keeps the order, so keeps the key");

        Plan reversed = plan(single("a", new InOrderConfig(List.of("extra", "heldout"), true, null)));
        assertNotEquals(
                original,
                step(reversed, "stage:tune phase 1/2 (extra)").key(),
                "the same data in another order is another step");

        Plan twoEpochs = plan(single("a", new InOrderConfig(List.of("extra", "heldout"), null, 2)));
        assertNotEquals(
                original, step(twoEpochs, "stage:tune phase 1/2 (extra)").key(), "more epochs are a longer order");

        // Another curriculum type and a different later phase, but the same first-phase order: the same step.
        Plan concat = plan(single("a", new ConcatConfig(List.of("extra"))));
        assertEquals(original, step(concat, "stage:tune phase 1/1 (extra)").key());

        Plan otherLr = plan(experiment(
                dir,
                3,
                List.of(trial(
                        Map.of(),
                        tuneWith("a", Map.of("a", new InOrderConfig(List.of("extra", "heldout"))), 0.5),
                        List.of("tune")))));
        assertNotEquals(
                original, step(otherLr, "stage:tune phase 1/2 (extra)").key(), "the stage's own config still counts");
    }

    @Test
    void curricula_that_begin_alike_share_their_first_phase() {
        Map<String, Record> curricula = new LinkedHashMap<>();
        curricula.put("extra-heldout", new InOrderConfig(List.of("extra", "heldout")));
        curricula.put("extra-corpus", new InOrderConfig(List.of("extra", "corpus")));
        curricula.put("merged", new ConcatConfig(List.of("extra", "heldout")));
        List<Trial> trials = new ArrayList<>();
        for (String c : curricula.keySet()) {
            trials.add(trial(Map.of("curriculum", c), tuneWith(c, curricula, null), List.of("tune")));
        }
        Plan plan = plan(experiment(dir, 3, trials));

        assertEquals(
                List.of(
                        "tokenizer:words",
                        "model:uni",
                        "stage:tune phase 1/2 (extra)",
                        "stage:tune phase 2/2 (heldout) [curriculum=extra-heldout]",
                        "eval:lp on tune [curriculum=extra-heldout]",
                        "stage:tune phase 2/2 (corpus) [curriculum=extra-corpus]",
                        "eval:lp on tune [curriculum=extra-corpus]",
                        "stage:tune phase 1/1 (extra+heldout) [curriculum=merged]",
                        "eval:lp on tune [curriculum=merged]"),
                names(plan));
        assertEquals(2, step(plan, "stage:tune phase 1/2 (extra)").trials().size());
        assertEquals(5, plan.savedBySharing());
        assertEquals(3, plan.trainingStepsSavedBySharing(), "uni twice and the shared first phase once");
        assertEquals(2, plan.examplesSavedBySharing(), "extra's 2 examples are trained once instead of twice");
        String tree = PlanPrinter.tree(plan, store);
        assertTrue(
                tree.contains(
                        "sharing between trials saved 5 step(s), of which 3 training step(s) (models and stages) and 2 curriculum example(s)"),
                tree);
    }

    @Test
    void three_curricula_times_two_models_share_each_pretraining() {
        Map<String, Record> curricula = new LinkedHashMap<>();
        curricula.put("merged", new ConcatConfig(List.of("extra", "heldout")));
        curricula.put("extra-heldout", new InOrderConfig(List.of("extra", "heldout")));
        curricula.put("heldout-extra", new InOrderConfig(List.of("heldout", "extra")));
        List<Trial> trials = new ArrayList<>();
        for (double smoothing : List.of(1.0, 0.5)) {
            for (String c : curricula.keySet()) {
                List<ComponentDecl> comps = new ArrayList<>(basics());
                comps.add(decl(
                        ComponentKind.MODEL,
                        "base",
                        "unigram",
                        new UnigramModelFactory.Config("words", "corpus", smoothing, null, null, null)));
                comps.add(decl(
                        ComponentKind.STAGE,
                        "pretrain",
                        "add-counts",
                        new AddCountsStageFactory.Config("base", "corpus")));
                curricula.forEach((name, config) -> comps.add(decl(
                        ComponentKind.CURRICULUM,
                        name,
                        config instanceof ConcatConfig ? "concat" : "in-order",
                        config)));
                comps.add(decl(
                        ComponentKind.STAGE,
                        "tune",
                        "follow-curriculum",
                        new FollowCurriculumStageFactory.Config("pretrain", c)));
                trials.add(trial(Map.of("smoothing", smoothing, "curriculum", c), comps, List.of("pretrain", "tune")));
            }
        }
        Plan plan = plan(experiment(dir, 3, trials));

        long pretrain = plan.steps().stream()
                .filter(s -> s.baseName().equals("stage:pretrain"))
                .count();
        long firstPhases = plan.steps().stream()
                .filter(s -> s.phase() != null && s.phase().index() == 0)
                .count();
        long phases = plan.steps().stream().filter(s -> s.phase() != null).count();
        assertEquals(2, pretrain, "each model is pretrained once, whatever the curriculum");
        assertEquals(6, firstPhases, "per model: merged, extra first, heldout first");
        assertEquals(10, phases, "per model: 1 merged + 2 + 2 sequential phases");
        // tokenizer 1, models 2, pretrain 2, phases 10, evals: pretrain 2 + tune 6.
        assertEquals(23, plan.steps().size());
        // Per trial: tokenizer, base, pretrain, 1 or 2 phases, 2 evals = 6 or 7; 2 x (6 + 7 + 7) = 40 - 23.
        assertEquals(17, plan.savedBySharing());
        // Per trial training: base, pretrain + phases (3 or 4): 2 x (3 + 4 + 4) = 22 - 14 distinct.
        assertEquals(8, plan.trainingStepsSavedBySharing());
    }

    @Test
    void dataset_sizes_are_counted_once_and_then_read_from_the_store() {
        ExperimentDefinition def = single("a", new InOrderConfig(List.of("extra", "heldout")));
        plan(def);
        int afterFirst = recorder.callsStartingWith("create:dataset:");
        assertEquals(2, afterFirst, "extra and heldout are opened to count their records");
        new Planner(TestCatalog.standard(recorder), new Store(dir.resolve("store"))).plan(def);
        assertEquals(
                afterFirst,
                recorder.callsStartingWith("create:dataset:"),
                "a new planner finds the counts in the store");
    }
}
