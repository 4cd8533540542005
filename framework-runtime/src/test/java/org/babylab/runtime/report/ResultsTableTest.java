package org.babylab.runtime.report;

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
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.report.ResultsTable;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {
    @TempDir
    Path dir;

    private final TestCatalog catalog = TestCatalog.standard(new Recorder());
    private Store store;

    @BeforeEach
    void setUp() throws Exception {
        Experiments.writeCorpus(dir);
        store = new Store(dir.resolve("store"));
    }

    /** Trial fail=false trains normally; trial fail=true has a failing stage. */
    private Plan sweepWithAFailingTrial() {
        List<Trial> trials = new ArrayList<>();
        for (boolean fail : List.of(false, true)) {
            List<ComponentDecl> c = new ArrayList<>(basics());
            c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
            c.add(decl(
                    ComponentKind.STAGE,
                    "more",
                    "add-counts",
                    new AddCountsStageFactory.Config("uni", "extra", null, null, null, null, fail)));
            trials.add(trial(Map.of("fail", fail), c, List.of("uni", "more")));
        }
        Plan plan = new Planner(catalog, store).plan(experiment(dir, 0, trials));
        new Executor(
                        catalog,
                        store,
                        DeviceInventory.of(new DeviceSpec(2, List.of())),
                        new ExecutorOptions(new PrintStream(OutputStream.nullOutputStream()), false, false))
                .run(plan);
        return plan;
    }

    /** Mean log-prob of heldout.txt under unigram counts of train.txt with add-1 smoothing, by hand. */
    private static double expectedModelScore() {
        // vocab <unk> <bos> the cat sat dog ran (7); counts the 3, cat 2, sat 2, dog 1, ran 1; total 9 -> denominator
        // 16
        double theCatRan = Math.log(4 / 16.0) + Math.log(3 / 16.0) + Math.log(2 / 16.0);
        double theDogSat = Math.log(4 / 16.0) + Math.log(2 / 16.0) + Math.log(3 / 16.0);
        return (theCatRan + theDogSat) / 6;
    }

    @Test
    void one_row_per_trial_and_model_with_the_primary_metric_per_evaluator() {
        ResultsTable table = ResultsTable.collect(sweepWithAFailingTrial(), store);

        assertEquals(List.of("lp"), table.evaluators());
        assertEquals(4, table.rows().size());
        ResultsTable.Row first = table.rows().get(0);
        assertEquals("fail=false", first.trial());
        assertEquals("uni", first.model());
        assertEquals(expectedModelScore(), first.cells().get("lp").result().primary(), 1e-12);
        assertEquals(
                ResultsTable.Status.FAILED,
                table.rows().get(3).cells().get("lp").status(),
                "the evaluation of a failed stage was skipped, which shows as a failure");
    }

    @Test
    void renders_an_aligned_table_with_fail_for_failed_cells() {
        String text = ResultsTable.collect(sweepWithAFailingTrial(), store).render();

        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).startsWith("trial       model  lp (mean_logprob)"), text);
        assertTrue(lines.get(1).matches("-+  -+  -+"), text);
        assertTrue(lines.get(2).endsWith(String.format("%.4f", expectedModelScore())), text);
        assertEquals(1, lines.stream().filter(l -> l.endsWith("FAIL")).count(), "the failed trial's stage:\n" + text);
        assertEquals(lines.get(0).length(), lines.get(2).length(), "columns are aligned:\n" + text);
    }

    @Test
    void writes_csv_and_json() throws Exception {
        ResultsTable table = ResultsTable.collect(sweepWithAFailingTrial(), store);
        Path csv = dir.resolve("out/results.csv");
        Path json = dir.resolve("out/results.json");

        table.writeCsv(csv);
        table.writeJson(json);

        List<String> rows = Files.readAllLines(csv);
        assertEquals("trial,model,lp,model_key", rows.get(0));
        assertTrue(rows.get(1).startsWith("fail=false,uni,-1.7"), rows.toString());
        assertEquals(5, rows.size());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode lp = root.get(0).get("results").get("lp");
        assertEquals("ok", lp.get("status").asText());
        assertEquals("mean_logprob", lp.get("primary_metric").asText());
        assertTrue(lp.get("metrics").has("perplexity"));
        assertEquals(2, lp.get("items").asInt());
    }

    @Test
    void steps_not_yet_run_show_as_missing() {
        Plan plan = new Planner(catalog, store).plan(Experiments.simple(dir));

        ResultsTable table = ResultsTable.collect(plan, store);

        assertEquals(
                ResultsTable.Status.MISSING,
                table.rows().get(0).cells().get("lp").status());
        assertTrue(table.render().lines().skip(2).allMatch(l -> l.endsWith("-")), table.render());
    }
}
