package org.babylab.runtime.plan;

import static org.babylab.runtime.exec.fixtures.Experiments.basics;
import static org.babylab.runtime.exec.fixtures.Experiments.decl;
import static org.babylab.runtime.exec.fixtures.Experiments.experiment;
import static org.babylab.runtime.exec.fixtures.Experiments.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.exec.fixtures.AddCountsStageFactory;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.MeanLogProbEvaluatorFactory;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.exec.fixtures.UnigramModelFactory;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.exec.ExecutorOptions;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlanPrinter;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanPrinterTest {
    @TempDir
    Path dir;

    private final TestCatalog catalog = TestCatalog.standard(new Recorder());
    private Store store;

    @BeforeEach
    void setUp() throws Exception {
        Experiments.writeCorpus(dir);
        store = new Store(dir.resolve("store"));
    }

    private Plan sweep() {
        List<Trial> trials = new ArrayList<>();
        for (String data : List.of("extra", "heldout")) {
            List<ComponentDecl> c = new ArrayList<>(basics());
            c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
            c.add(decl(ComponentKind.STAGE, "more", "add-counts", new AddCountsStageFactory.Config("uni", data)));
            trials.add(trial(Map.of("data", data), c, List.of("more")));
        }
        return new Planner(catalog, store).plan(experiment(dir, 3, trials));
    }

    @Test
    void the_tree_shows_dependents_under_their_inputs_with_status_and_a_summary() {
        Plan plan = sweep();

        String tree = PlanPrinter.tree(plan, store);

        List<String> lines = tree.lines().toList();
        int tokenizer = indexOf(lines, "tokenizer:words");
        int model = indexOf(lines, "model:uni");
        int stage = indexOf(lines, "stage:more [data=extra]");
        assertTrue(tokenizer < model && model < stage, tree);
        assertTrue(
                lines.get(model)
                        .contains("after "
                                + plan.stepNamed("tokenizer:words")
                                        .orElseThrow()
                                        .shortKey()),
                tree);
        assertTrue(lines.get(tokenizer).contains("will run"), tree);
        assertTrue(
                lines.get(model)
                        .contains(plan.stepNamed("model:uni").orElseThrow().shortKey()),
                tree);
        assertTrue(tree.contains("6 steps, 0 cached, 6 to run; sharing between trials saved 2 step(s)"), tree);
    }

    @Test
    void after_a_run_steps_show_as_cached_with_their_cost() {
        Plan plan = sweep();
        new Executor(
                        catalog,
                        store,
                        DeviceInventory.of(new DeviceSpec(2, List.of())),
                        new ExecutorOptions(new PrintStream(OutputStream.nullOutputStream()), false, false))
                .run(plan);

        String tree = PlanPrinter.tree(plan, store);

        assertTrue(tree.contains("6 cached, 0 to run"), tree);
        assertTrue(
                tree.lines()
                        .filter(l -> l.contains("model:uni"))
                        .findFirst()
                        .orElseThrow()
                        .matches(".*cached.*~\\d+(ms|\\.\\ds).*"),
                tree);
    }

    @Test
    void a_step_with_two_parents_is_shown_once_in_full_then_as_shared() {
        List<ComponentDecl> c = new ArrayList<>(basics().subList(0, 4));
        c.add(decl(
                ComponentKind.EVALUATOR,
                "lp",
                "mean-logprob",
                new MeanLogProbEvaluatorFactory.Config("heldout", "words")));
        c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
        Plan plan = new Planner(catalog, store).plan(experiment(dir, 3, List.of(trial(Map.of(), c, List.of("uni")))));

        String tree = PlanPrinter.tree(plan, store);

        // The evaluation reads the tokenizer and the model: in full under the model, a pointer under the tokenizer.
        List<String> evalLines =
                tree.lines().filter(l -> l.contains("eval:lp on uni")).toList();
        assertEquals(2, evalLines.size(), tree);
        assertTrue(
                evalLines.get(0).contains("↑ shared with eval:lp on uni")
                                && evalLines.get(0).contains("shown under model:uni")
                        || evalLines.get(1).contains("↑ shared with eval:lp on uni"),
                tree);
        assertEquals(1, evalLines.stream().filter(l -> !l.contains("↑")).count(), tree);
    }

    @Test
    void json_lists_steps_inputs_and_sharing() throws Exception {
        Plan plan = sweep();

        JsonNode json = new ObjectMapper().readTree(PlanPrinter.json(plan, store));

        assertEquals("test-exp", json.get("experiment").asText());
        assertEquals(2, json.get("trials").size());
        assertEquals(6, json.get("steps").size());
        assertEquals(2, json.get("saved_by_sharing").asInt());
        JsonNode model = json.get("steps").get(1);
        assertEquals("model:uni", model.get("name").asText());
        assertEquals(
                plan.stepNamed("tokenizer:words").orElseThrow().key(),
                model.get("inputs").get("words").asText());
        assertEquals(false, model.get("cached").asBoolean());
        assertEquals(2, model.get("trials").size());
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains " + text + ":\n" + String.join("\n", lines));
    }
}
