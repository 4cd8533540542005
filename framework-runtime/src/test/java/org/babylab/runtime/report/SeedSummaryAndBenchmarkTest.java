package org.babylab.runtime.report;

import static org.babylab.runtime.exec.fixtures.Experiments.basics;
import static org.babylab.runtime.exec.fixtures.Experiments.decl;
import static org.babylab.runtime.exec.fixtures.Experiments.experiment;
import static org.babylab.runtime.exec.fixtures.Experiments.trial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.babylab.api.ComponentKind;
import org.babylab.api.eval.BenchmarkTask;
import org.babylab.api.eval.Evaluator;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.spi.EvaluatorFactory;
import org.babylab.api.step.ComponentContext;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.PluginOrigin;
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
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.report.Aggregate;
import org.babylab.runtime.internal.report.BenchmarkAverage;
import org.babylab.runtime.internal.report.ReplicateSummary;
import org.babylab.runtime.internal.report.ResultsTable;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results table's derived parts: replicate summaries over a swept seed (mean, sample standard
 * deviation with n - 1, n counting distinct results) and benchmark macro averages (partial when a
 * task has no result).
 */
class SeedSummaryAndBenchmarkTest {
    @TempDir
    Path dir;

    private final TestCatalog catalog = TestCatalog.standard(new Recorder());
    private Store store;

    @BeforeEach
    void setUp() throws Exception {
        Experiments.writeCorpus(dir);
        store = new Store(dir.resolve("store"));
    }

    @Test
    void aggregates_are_the_mean_and_the_sample_standard_deviation_with_n_minus_one() {
        Aggregate a = Aggregate.of(new double[] {1, 2, 3, 4}, 4);

        assertEquals(2.5, a.mean(), 1e-15);
        assertEquals(
                Math.sqrt(5.0 / 3),
                a.sd(),
                1e-15,
                "sum of squares 5 over n - 1 = 3 (the population sd would be sqrt(5/4))");
        assertEquals(4, a.n());
        Aggregate one = Aggregate.of(new double[] {0.7}, 3);
        assertEquals(0.7, one.mean(), 1e-15);
        assertTrue(Double.isNaN(one.sd()), "one value has no sample sd");
        assertEquals("0.7000 (n=1 of 3)", one.text());
        assertEquals("2.5000 ± 1.2910 (n=4)", a.text());
    }

    /**
     * Seeds 1, 2 and 3; the stage counts another file in each trial (so its scores differ), the
     * unigram model and its evaluation do not use the seed (one step for every seed).
     */
    private Plan seedSweep() {
        List<Trial> trials = new ArrayList<>();
        String[] data = {"extra", "heldout", "corpus"};
        for (int i = 0; i < 3; i++) {
            List<ComponentDecl> c = new ArrayList<>(basics());
            c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
            c.add(decl(ComponentKind.STAGE, "more", "add-counts", new AddCountsStageFactory.Config("uni", data[i])));
            trials.add(trial(Map.of(Trial.SEED_AXIS, (long) i + 1), c, List.of("uni", "more")));
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

    @Test
    void a_seed_sweep_gets_one_summary_row_per_model_with_mean_sd_and_n() throws Exception {
        ResultsTable table = ResultsTable.collect(seedSweep(), store);

        assertEquals(6, table.rows().size());
        double[] stage = table.rows().stream()
                .filter(r -> r.model().equals("more"))
                .mapToDouble(r -> r.cells().get("lp").result().primary())
                .toArray();
        assertEquals(3, stage.length);
        double mean = (stage[0] + stage[1] + stage[2]) / 3;
        double sd = Math.sqrt(
                (Math.pow(stage[0] - mean, 2) + Math.pow(stage[1] - mean, 2) + Math.pow(stage[2] - mean, 2)) / 2);
        assertTrue(sd > 1e-6, "the three stages score differently: " + java.util.Arrays.toString(stage));

        assertEquals(2, table.summaries().size());
        ReplicateSummary more = table.summaries().stream()
                .filter(s -> s.model().equals("more"))
                .findFirst()
                .orElseThrow();
        assertEquals("seed=mean", more.trial());
        assertEquals(List.of("seed=1", "seed=2", "seed=3"), more.trials());
        assertEquals(mean, more.cells().get("lp").mean(), 1e-12);
        assertEquals(sd, more.cells().get("lp").sd(), 1e-12);
        assertEquals(3, more.cells().get("lp").n());
        assertEquals(sd, more.metrics().get("lp").get("mean_logprob").sd(), 1e-12, "every metric is summarised too");

        ReplicateSummary uni = table.summaries().stream()
                .filter(s -> s.model().equals("uni"))
                .findFirst()
                .orElseThrow();
        assertEquals(
                1,
                uni.cells().get("lp").n(),
                "one evaluation serves every seed: it is one result, not three equal ones");
        assertTrue(Double.isNaN(uni.cells().get("lp").sd()));

        String text = table.render();
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%.4f ± %.4f (n=3)", mean, sd)), text);
        assertTrue(text.contains("sample standard deviation (n - 1)"), text);
        String[] csv = table.csv().split("\n");
        assertEquals("trial,model,lp,lp_sd,lp_n,model_key", csv[0]);
        assertTrue(csv[csv.length - 1].matches("seed=mean,more,-?\\d+\\.\\d{4},\\d+\\.\\d{4},3,"), csv[csv.length - 1]);
        JsonNode json = new ObjectMapper().readTree(table.json());
        JsonNode last = json.get(json.size() - 1);
        assertEquals("seed", last.get("summary").get("over").asText());
        assertEquals(sd, last.get("results").get("lp").get("sd").asDouble(), 1e-12);
        assertEquals(3, last.get("results").get("lp").get("n").asInt());
    }

    @Test
    void without_a_seed_axis_there_are_no_summaries() {
        Plan plan = new Planner(catalog, store).plan(Experiments.simple(dir));
        new Executor(
                        catalog,
                        store,
                        DeviceInventory.of(new DeviceSpec(2, List.of())),
                        new ExecutorOptions(new PrintStream(OutputStream.nullOutputStream()), false, false))
                .run(plan);

        ResultsTable table = ResultsTable.collect(plan, store);
        assertTrue(table.summaries().isEmpty());
        assertEquals("trial,model,lp,model_key", table.csv().lines().findFirst().orElseThrow());
    }

    /** The test catalog, where mean-logprob declares its data as a task of benchmark {@code toy} with {@code tasks}. */
    private ComponentCatalog withBenchmark(List<String> tasks) {
        MeanLogProbEvaluatorFactory real = (MeanLogProbEvaluatorFactory)
                catalog.factory(ComponentKind.EVALUATOR, "mean-logprob").orElseThrow();
        EvaluatorFactory<MeanLogProbEvaluatorFactory.Config> declaring = new EvaluatorFactory<>() {
            @Override
            public String type() {
                return real.type();
            }

            @Override
            public Class<MeanLogProbEvaluatorFactory.Config> configType() {
                return real.configType();
            }

            @Override
            public Optional<BenchmarkTask> benchmark(MeanLogProbEvaluatorFactory.Config c) {
                return Optional.of(new BenchmarkTask("toy", c.data(), tasks));
            }

            @Override
            public Evaluator create(MeanLogProbEvaluatorFactory.Config c, ComponentContext ctx) {
                return real.create(c, ctx);
            }
        };
        return new ComponentCatalog() {
            @Override
            public Optional<ComponentFactory<?>> factory(ComponentKind kind, String type) {
                return kind == ComponentKind.EVALUATOR && type.equals("mean-logprob")
                        ? Optional.of(declaring)
                        : catalog.factory(kind, type);
            }

            @Override
            public List<String> types(ComponentKind kind) {
                return catalog.types(kind);
            }

            @Override
            public PluginOrigin origin(ComponentFactory<?> factory) {
                return catalog.origin(factory);
            }
        };
    }

    /** basics (lp on heldout) + lp2 on extra, evaluating uni. */
    private Plan twoTasks() {
        List<ComponentDecl> c = new ArrayList<>(basics());
        c.add(decl(ComponentKind.EVALUATOR, "lp2", "mean-logprob", new MeanLogProbEvaluatorFactory.Config("extra")));
        c.add(decl(ComponentKind.MODEL, "uni", "unigram", new UnigramModelFactory.Config("words", "corpus")));
        Plan plan = new Planner(catalog, store).plan(experiment(dir, 0, List.of(trial(Map.of(), c, List.of("uni")))));
        new Executor(
                        catalog,
                        store,
                        DeviceInventory.of(new DeviceSpec(2, List.of())),
                        new ExecutorOptions(new PrintStream(OutputStream.nullOutputStream()), false, false))
                .run(plan);
        return plan;
    }

    @Test
    void a_benchmark_column_is_the_macro_average_of_its_tasks_primary_metrics() {
        ResultsTable table = ResultsTable.collect(twoTasks(), store, withBenchmark(List.of("heldout", "extra")));

        ResultsTable.Row row = table.rows().get(0);
        BenchmarkAverage macro = table.benchmarks().get(0).average(row);
        double expected = (row.cells().get("lp").result().primary()
                        + row.cells().get("lp2").result().primary())
                / 2;
        assertEquals(expected, macro.value(), 1e-12);
        assertEquals(2, macro.done());
        assertTrue(table.render().lines().findFirst().orElseThrow().endsWith("toy (macro)"), table.render());
        assertTrue(table.csv().startsWith("trial,model,lp,lp2,toy_macro,toy_tasks,model_key\n"), table.csv());
        assertTrue(table.csv().contains(String.format(java.util.Locale.ROOT, ",%.4f,2/2,", expected)), table.csv());
    }

    @Test
    void a_benchmark_with_a_task_not_evaluated_is_marked_partial_without_a_value() throws Exception {
        ResultsTable table =
                ResultsTable.collect(twoTasks(), store, withBenchmark(List.of("heldout", "extra", "corpus")));

        BenchmarkAverage macro = table.benchmarks().get(0).average(table.rows().get(0));
        assertNull(macro.value(), "no average over 2 of 3 tasks");
        assertEquals(List.of("corpus"), macro.missing());
        String text = table.render();
        assertTrue(text.contains("partial 2/3"), text);
        assertTrue(text.contains("no result for corpus"), text);
        assertTrue(table.csv().contains(",,2/3,"), table.csv());
        String html = new org.babylab.runtime.internal.report.HtmlReport(
                        org.babylab.runtime.internal.report.ReportData.collect(
                                twoTasks(),
                                table,
                                store,
                                org.babylab.runtime.internal.report.ReportSettings.defaults()),
                        org.babylab.runtime.internal.report.ReportSettings.defaults(),
                        new org.babylab.runtime.internal.report.RunInfo(
                                "test-exp",
                                dir.resolve("experiment.yaml"),
                                List.of(),
                                java.time.Instant.parse("2026-01-02T03:04:05Z"),
                                "1.0",
                                dir.resolve("store")),
                        List.of(),
                        table)
                .html();
        assertTrue(
                html.contains("<h2>Benchmark averages</h2>")
                        && html.contains(">partial<")
                        && html.contains("<td>corpus</td>"),
                "the report shows the partial average and the missing task");
        JsonNode toy = new ObjectMapper()
                .readTree(table.json())
                .get(0)
                .get("benchmarks")
                .get("toy");
        assertTrue(toy.get("partial").asBoolean());
        assertTrue(toy.path("macro").isMissingNode() || toy.get("macro").isNull(), "no macro value: " + toy);
        assertEquals(2, toy.get("tasks_with_result").asInt());
    }
}
