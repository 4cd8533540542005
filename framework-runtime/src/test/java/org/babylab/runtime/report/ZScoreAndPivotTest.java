package org.babylab.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.runtime.internal.report.PivotTable;
import org.babylab.runtime.internal.report.Stats;
import org.junit.jupiter.api.Test;

/** The two computations the report's figures and tables rest on, pinned on small tables worked by hand. */
class ZScoreAndPivotTest {

    @Test
    void z_scores_are_per_task_over_models_with_the_population_sd() {
        // blimp: 0.6, 0.7, 0.8 -> mean 0.7, population sd sqrt(0.02/3) = 0.0816497; ewok: 0.5, 0.5, 0.8 -> mean 0.6, sd
        // sqrt(0.06/3) = 0.1414214
        Map<String, Map<String, Double>> byTask = new LinkedHashMap<>();
        byTask.put("blimp", ordered("a", 0.6, "b", 0.7, "c", 0.8));
        byTask.put("ewok", ordered("a", 0.5, "b", 0.5, "c", 0.8));

        Stats.ZScores z = Stats.zScores(byTask);

        assertEquals(-1.2247449, z.byTask().get("blimp").get("a"), 1e-6);
        assertEquals(0.0, z.byTask().get("blimp").get("b"), 1e-12);
        assertEquals(1.2247449, z.byTask().get("blimp").get("c"), 1e-6);
        assertEquals(-0.7071068, z.byTask().get("ewok").get("a"), 1e-6);
        assertEquals(1.4142136, z.byTask().get("ewok").get("c"), 1e-6);
        assertEquals(
                List.of(-1.2247449, -0.7071068),
                round(z.byModel().get("a")),
                "model a's box: its z on each task, in task order");
        assertEquals(List.of(), z.undefined());
    }

    @Test
    void a_task_with_one_model_or_no_spread_has_no_z_scores_and_is_named() {
        Map<String, Map<String, Double>> byTask = new LinkedHashMap<>();
        byTask.put("flat", ordered("a", 0.5, "b", 0.5));
        byTask.put("alone", ordered("a", 0.9));
        byTask.put("ok", ordered("a", 0.1, "b", 0.3));

        Stats.ZScores z = Stats.zScores(byTask);

        assertEquals(List.of("flat", "alone"), z.undefined());
        assertEquals(-1.0, z.byTask().get("ok").get("a"), 1e-12);
        assertEquals(1.0, z.byTask().get("ok").get("b"), 1e-12);
    }

    @Test
    void replicate_error_bars_use_the_sample_sd() {
        assertEquals(Math.sqrt(0.02 / 2), Stats.sampleSd(new double[] {0.6, 0.7, 0.8}), 1e-12);
        assertEquals(Double.NaN, Stats.sampleSd(new double[] {0.6}));
    }

    @Test
    void a_pivot_spreads_one_axis_over_columns_and_shows_a_shared_model_once() {
        // The CLASS-IT shape: pretrain shared by every curriculum, instruct once per curriculum, two sizes.
        List<PivotTable.Entry> entries = List.of(
                entry("pretrain 10m", 0.70, "model", "pretrain", "size", "10m"),
                entry("instruct 10m merged", 0.60, "model", "instruct", "size", "10m", "curriculum", "merged"),
                entry("instruct 10m seq", 0.62, "model", "instruct", "size", "10m", "curriculum", "seq"),
                entry("pretrain 100m", 0.80, "model", "pretrain", "size", "100m"),
                entry("instruct 100m seq", 0.75, "model", "instruct", "size", "100m", "curriculum", "seq"));

        PivotTable p = PivotTable.of(entries, List.of("model", "size"), "curriculum");

        assertEquals(List.of("merged", "seq"), p.columns());
        assertEquals(4, p.rows().size(), "one row per (model, size): " + p.rows());
        PivotTable.Row pretrain10 = p.rows().get(0);
        assertEquals(List.of("pretrain", "10m"), pretrain10.header());
        assertEquals(
                List.of(new PivotTable.Cell("pretrain 10m", 0.70, 2)),
                pretrain10.cells(),
                "the shared model spans both columns, shown once");
        assertEquals(
                List.of("pretrain", "100m"),
                p.rows().get(1).header(),
                "rows grouped by model first, then size, in first-appearance order");
        PivotTable.Row instruct100 = p.rows().get(3);
        assertEquals(List.of("instruct", "100m"), instruct100.header());
        assertEquals(null, instruct100.cells().get(0).id(), "no merged run at 100m: an empty cell");
        assertEquals(0.75, instruct100.cells().get(1).value());
        assertEquals(
                List.of(0.60, 0.62),
                p.rows().get(2).cells().stream().map(PivotTable.Cell::value).toList());
    }

    @Test
    void models_by_tasks_is_the_same_pivot_with_task_as_the_column() {
        List<PivotTable.Entry> entries = List.of(
                entry("a", 0.6, "model", "trigram", "task", "blimp"),
                        entry("a", 0.5, "model", "trigram", "task", "ewok"),
                entry("b", 0.7, "model", "llama", "task", "blimp"), entry("b", 0.55, "model", "llama", "task", "ewok"));

        PivotTable p = PivotTable.of(entries, List.of("model"), "task");

        assertEquals(List.of("blimp", "ewok"), p.columns());
        assertEquals(List.of("trigram"), p.rows().get(0).header());
        assertEquals(
                List.of(0.7, 0.55),
                p.rows().get(1).cells().stream().map(PivotTable.Cell::value).toList());
    }

    @Test
    void two_values_for_one_cell_are_refused() {
        List<PivotTable.Entry> entries =
                List.of(entry("x", 1, "model", "m", "c", "1"), entry("y", 2, "model", "m", "c", "1"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PivotTable.of(entries, List.of("model"), "c"));
        assertEquals("two entries share the cell [m] / 1: x, y", e.getMessage());
    }

    private static PivotTable.Entry entry(String id, double value, String... dims) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < dims.length; i += 2) {
            m.put(dims[i], dims[i + 1]);
        }
        return new PivotTable.Entry(id, m, value);
    }

    private static Map<String, Double> ordered(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Double) kv[i + 1]);
        }
        return m;
    }

    private static List<Double> round(List<Double> v) {
        return v.stream().map(x -> Math.round(x * 1e7) / 1e7).toList();
    }
}
