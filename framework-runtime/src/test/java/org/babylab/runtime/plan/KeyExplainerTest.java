package org.babylab.runtime.plan;

import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.plan.KeyExplainer;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyExplainerTest {
    @TempDir
    Path dir;

    private final TestCatalog catalog = TestCatalog.standard(new Recorder());
    private Store store;

    @BeforeEach
    void setUp() throws Exception {
        Experiments.writeCorpus(dir);
        store = new Store(dir.resolve("store"));
    }

    private Plan plan(ExperimentDefinition def) {
        return new Planner(catalog, store).plan(def);
    }

    private void run(Plan plan) {
        new Executor(
                        catalog,
                        store,
                        DeviceInventory.of(new DeviceSpec(2, List.of())),
                        new ExecutorOptions(new PrintStream(OutputStream.nullOutputStream()), false, false))
                .run(plan);
    }

    private static ExperimentDefinition withSmoothing(Path dir, double smoothing) {
        return Experiments.simple(
                dir,
                new UnigramModelFactory.Config("words", "corpus", smoothing, null, null, null),
                new AddCountsStageFactory.Config("uni", "extra"));
    }

    @Test
    void a_step_never_stored_is_reported_as_never_run() {
        String text = new KeyExplainer(store).explain(plan(Experiments.simple(dir)), "model:uni");

        assertTrue(text.contains("never run"), text);
    }

    @Test
    void a_cached_step_is_reported_as_reused() {
        Plan plan = plan(Experiments.simple(dir));
        run(plan);

        String text = new KeyExplainer(store).explain(plan, "stage:more");

        assertTrue(text.contains("is cached"), text);
    }

    @Test
    void names_the_changed_config_field_and_traces_it_through_the_inputs() {
        run(plan(withSmoothing(dir, 1.0)));
        Plan changed = plan(withSmoothing(dir, 0.5));
        KeyExplainer explainer = new KeyExplainer(store);

        String model = explainer.explain(changed, "model:uni");
        String eval = explainer.explain(changed, "eval:lp on more");

        assertTrue(model.contains("config smoothing: 1 → 0.5"), model);
        assertTrue(eval.contains("input model (stage:more) changed key"), eval);
        assertTrue(eval.contains("input uni (model:uni) changed key"), eval);
        assertTrue(eval.contains("      config smoothing: 1 → 0.5"), "the reason is named two inputs deep:\n" + eval);
    }

    @Test
    void names_a_changed_data_file_of_a_dataset_input() throws Exception {
        run(plan(Experiments.simple(dir)));
        Files.writeString(dir.resolve("extra.txt"), "new words entirely\n");

        String text = new KeyExplainer(store).explain(plan(Experiments.simple(dir)), "stage:more");

        assertTrue(text.contains("input extra (dataset:extra) changed key"), text);
        assertTrue(text.contains("data file extra.txt: content changed"), text);
    }

    @Test
    void names_a_bumped_factory_version() {
        run(plan(Experiments.simple(dir)));
        TestCatalog bumped = TestCatalog.standard(new Recorder(), "2", "c0de".repeat(16));

        String text =
                new KeyExplainer(store).explain(new Planner(bumped, store).plan(Experiments.simple(dir)), "model:uni");

        assertTrue(text.contains("version: 1 → 2"), text);
    }

    @Test
    void compares_two_stored_keys_by_prefix() {
        Plan a = plan(withSmoothing(dir, 1.0));
        run(a);
        Plan b = plan(withSmoothing(dir, 2.0));
        run(b);
        String ka = a.stepNamed("model:uni").orElseThrow().key();
        String kb = b.stepNamed("model:uni").orElseThrow().key();

        String text = new KeyExplainer(store).compare(ka.substring(0, 10), kb.substring(0, 10));

        assertTrue(text.contains("config smoothing: 1 → 2"), text);
    }

    /** The same steps under another experiment name and seed, sharing the store. */
    private static ExperimentDefinition otherStudy(ExperimentDefinition def) {
        return new ExperimentDefinition(
                "other-study", 99, def.file(), def.baseDir(), def.trials(), null, null, java.util.Map.of(), List.of());
    }

    @Test
    void compares_with_the_same_experiments_last_run_not_another_study_sharing_the_store() {
        run(plan(withSmoothing(dir, 1.0)));
        run(plan(otherStudy(withSmoothing(dir, 1.0)))); // newer, same step names, another seed
        String text = new KeyExplainer(store).explain(plan(withSmoothing(dir, 0.5)), "model:uni");

        assertTrue(text.contains("config smoothing: 1 → 0.5"), text);
        assertTrue(!text.contains("seed"), "another study's seed is not this experiment's change:\n" + text);
    }

    @Test
    void a_step_run_only_by_another_experiment_is_never_run_here_and_says_so() {
        run(plan(otherStudy(Experiments.simple(dir))));
        String text = new KeyExplainer(store).explain(plan(Experiments.simple(dir)), "model:uni");

        assertTrue(text.contains("never run in experiment 'test-exp'") && text.contains("another experiment"), text);
    }

    @Test
    void plan_estimates_come_from_the_same_experiment_only() {
        run(plan(otherStudy(Experiments.simple(dir))));
        String tree = org.babylab.runtime.internal.plan.PlanPrinter.tree(plan(Experiments.simple(dir)), store);
        assertTrue(!tree.contains("~"), "no time estimate from another study:\n" + tree);
        run(plan(Experiments.simple(dir)));
        String again = org.babylab.runtime.internal.plan.PlanPrinter.tree(plan(withSmoothing(dir, 3.0)), store);
        assertTrue(again.contains("~"), "this experiment's own timings are shown:\n" + again);
    }

    @Test
    void a_key_absent_on_one_side_and_null_on_the_other_is_not_printed_as_a_change() throws Exception {
        java.util.Map<String, Object> before = new java.util.HashMap<>();
        before.put("lr", 0.001);
        java.util.Map<String, Object> after = new java.util.HashMap<>();
        after.put("lr", 0.002);
        after.put("heads", null);
        String a = "a".repeat(64);
        String b = "b".repeat(64);
        store.index()
                .recordDocument(
                        a,
                        new org.babylab.runtime.internal.store.KeyDocument(
                                "model", "t", "1", "c", before, 1L, null, null));
        store.index()
                .recordDocument(
                        b,
                        new org.babylab.runtime.internal.store.KeyDocument(
                                "model", "t", "1", "c", after, 1L, null, null));

        String text = new KeyExplainer(store).compare(a, b);

        assertTrue(text.contains("config lr: 0.001 → 0.002"), text);
        assertTrue(!text.contains("heads"), "no (absent) → null line:\n" + text);
    }

    @Test
    void an_unknown_selector_lists_the_steps() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new KeyExplainer(store).explain(plan(Experiments.simple(dir)), "model:nope"));

        assertTrue(e.getMessage().contains("model:uni"), e.getMessage());
    }
}
