package org.babylab.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.runtime.internal.report.Chart;
import org.babylab.runtime.internal.report.HtmlReport;
import org.babylab.runtime.internal.report.ReportData;
import org.babylab.runtime.internal.report.ReportData.Condition;
import org.babylab.runtime.internal.report.ReportData.ModelRun;
import org.babylab.runtime.internal.report.ReportData.Score;
import org.babylab.runtime.internal.report.ReportData.Task;
import org.babylab.runtime.internal.report.ReportSettings;
import org.babylab.runtime.internal.report.ResultsTable.Status;
import org.babylab.runtime.internal.report.RunInfo;
import org.babylab.runtime.internal.report.TrainingCurve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page and its figure files, from a small hand-made study: two tasks, three models, one with many ties. */
class HtmlReportTest {
    @TempDir
    Path dir;

    private static final RunInfo INFO = new RunInfo(
            "toy",
            Path.of("toy.yaml"),
            List.of("models.x.order=4"),
            Instant.parse("2026-01-02T03:04:05Z"),
            "1.0",
            Path.of("/store"));

    /** blimp (accuracy, with groups and ties) and reading (a ΔR² score) for a trigram, a bigram and a llama. */
    static ReportData toyStudy() {
        List<ModelRun> models = List.of(model("k-tri", "trigram"), model("k-bi", "bigram"), model("k-llama", "llama"));
        List<Condition> conditions = models.stream()
                .map(m -> new Condition(m.name(), m.name(), Map.of(), List.of(m.id())))
                .toList();
        Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
        scores.put(
                "blimp",
                new LinkedHashMap<>(Map.of(
                        "k-tri",
                        blimp(0.33, 39, 0.2, 0.46),
                        "k-bi",
                        blimp(0.55, 2, 0.5, 0.6),
                        "k-llama",
                        blimp(0.70, 0, 0.65, 0.75))));
        scores.put(
                "reading",
                new LinkedHashMap<>(Map.of(
                        "k-tri",
                        reading(1.2),
                        "k-bi",
                        reading(0.8),
                        "k-llama",
                        new Score(Status.FAILED, "e-fail", null, null))));
        return new ReportData(
                "toy",
                List.of(),
                null,
                models,
                conditions,
                List.of(
                        new Task("blimp", "blimp", "accuracy", false),
                        new Task("reading", "reading-times", "eye_tracking_score", false)),
                scores);
    }

    @Test
    void the_page_has_every_figure_inline_a_tie_warning_and_provenance_and_loads_nothing() {
        HtmlReport report = new HtmlReport(toyStudy(), ReportSettings.defaults(), INFO, List.of());
        String html = report.html();

        assertEquals(
                List.of("bars-accuracy", "bars-eye-tracking-score", "zscores-zero-shot", "heatmap-blimp"),
                report.charts().stream().map(Chart::id).toList(),
                "accuracy and the reading score on separate axes");
        for (Chart c : report.charts()) {
            assertTrue(html.contains("<figure class=\"chart\" id=\"" + c.id() + "\">"), c.id());
            assertTrue(
                    html.contains("<svg id=\"fig-" + c.id() + "\"") || html.contains("<svg id='fig-" + c.id() + "'"),
                    "inline SVG for " + c.id());
        }
        assertTrue(
                html.contains(
                        "blimp on <b>trigram</b>: 39.0% of 100 items are ties; its accuracy of 0.330 counts them as wrong."),
                html);
        assertFalse(html.contains("blimp on <b>bigram</b>"), "2% ties are under the 5% threshold");
        assertTrue(
                html.contains("<td class=\"num flagged\">39.0% &#9888;</td>"),
                "the tie rate next to the accuracy, flagged");
        assertTrue(html.contains("<dt>model key</dt><dd>k-tri</dd>"), "provenance per row");
        assertTrue(html.contains("<dd>models.x.order=4</dd>"), "the overrides are named");
        assertTrue(html.contains("<span class=\"fail\">FAIL</span>"), "the failed evaluation shows as failed");
        assertTrue(
                html.contains("No training step of this study recorded per-step metrics"),
                "why there is no learning curve");
        assertTrue(html.contains("default-src 'none'"), "a policy that forbids every fetch");
        assertFalse(html.contains("<script"), "no script");
        assertFalse(html.matches("(?s).*(src|href)=[\"']https?:.*"), "no remote reference");
    }

    @Test
    void the_tie_threshold_and_the_figures_come_from_the_settings() {
        ReportSettings settings = new ReportSettings(
                "Toy",
                List.of(ReportSettings.Figure.HEATMAPS),
                Map.of(ReportSettings.Figure.HEATMAPS, "Paradigms"),
                null,
                null,
                null,
                0.5);
        HtmlReport report = new HtmlReport(toyStudy(), settings, INFO, List.of());
        String html = report.html();
        assertEquals(
                List.of("heatmap-blimp"),
                report.charts().stream().map(Chart::id).toList());
        assertTrue(html.contains("<h2>Paradigms</h2>"));
        assertTrue(html.contains("<title>Toy</title>"));
        assertFalse(html.contains("id=\"warnings\""), "39% ties are under a 50% threshold");
    }

    @Test
    void fine_tuning_tasks_get_their_own_z_score_plot_and_all_tasks_a_third() {
        ReportData base = toyStudy();
        List<Task> tasks =
                List.of(base.tasks().get(0), new Task("reading", "reading-times", "eye_tracking_score", true));
        ReportData data = new ReportData(
                base.experiment(), base.axes(), null, base.models(), base.conditions(), tasks, base.scores());
        HtmlReport report = new HtmlReport(
                data,
                new ReportSettings(null, List.of(ReportSettings.Figure.ZSCORES), null, null, null, null, 0.05),
                INFO,
                List.of());
        assertEquals(
                List.of("zscores-zero-shot", "zscores-fine-tuning", "zscores-all"),
                report.charts().stream().map(Chart::id).toList());
        assertTrue(report.html().contains("over 1 fine-tuning task(s)"), "the fine-tuning plot z-scores only reading");
    }

    @Test
    void every_figure_is_written_as_svg_and_png_and_stale_figures_are_removed() throws Exception {
        Files.createDirectories(dir.resolve("figures"));
        Files.writeString(dir.resolve("figures/old-figure.svg"), "<svg/>");
        List<TrainingCurve> curves = List.of(
                new TrainingCurve(
                        "stage:pretrain", "train_loss", "step", new double[] {1, 2, 3}, new double[] {5, 4, 3.5}),
                new TrainingCurve(
                        "stage:pretrain",
                        "accuracy",
                        TrainingCurve.WORDS_SEEN,
                        new double[] {1e5, 1e6, 1e7},
                        new double[] {0.5, 0.6, 0.7}));
        HtmlReport report = new HtmlReport(toyStudy(), ReportSettings.defaults(), INFO, curves);

        Path page = report.write(dir);

        assertEquals(dir.resolve("index.html"), page);
        try (Stream<Path> files = Files.list(dir.resolve("figures"))) {
            List<String> names =
                    files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(
                    List.of(
                            "bars-accuracy.png",
                            "bars-accuracy.svg",
                            "bars-eye-tracking-score.png",
                            "bars-eye-tracking-score.svg",
                            "curve-accuracy-words.png",
                            "curve-accuracy-words.svg",
                            "curve-train-loss.png",
                            "curve-train-loss.svg",
                            "heatmap-blimp.png",
                            "heatmap-blimp.svg",
                            "zscores-zero-shot.png",
                            "zscores-zero-shot.svg"),
                    names);
        }
        byte[] png = Files.readAllBytes(dir.resolve("figures/bars-accuracy.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        String svg = Files.readString(dir.resolve("figures/heatmap-blimp.svg"));
        assertTrue(
                svg.startsWith("<?xml") && svg.contains("<svg") && svg.contains(">subj_verb<"),
                "a standalone SVG with its labels as text");
        assertTrue(Files.readString(dir.resolve("figures/curve-accuracy-words.svg"))
                .contains("words seen"));
    }

    @Test
    void replicates_over_the_seed_axis_are_averaged_with_a_sample_sd_and_a_shared_model_spans_the_columns() {
        // pretrain (shared by both curricula) and instruct per curriculum, each with seeds 1 and 2.
        List<ModelRun> models = List.of(
                sweptModel("p1", "pretrain", "1", "a", "b"), sweptModel("p2", "pretrain", "2", "a", "b"),
                sweptModel("a1", "instruct", "1", "a"), sweptModel("a2", "instruct", "2", "a"),
                sweptModel("b1", "instruct", "1", "b"), sweptModel("b2", "instruct", "2", "b"));
        List<Condition> conditions = List.of(
                new Condition("pretrain", "pretrain", Map.of(), List.of("p1", "p2")),
                new Condition("instruct curriculum=a", "instruct", Map.of("curriculum", "a"), List.of("a1", "a2")),
                new Condition("instruct curriculum=b", "instruct", Map.of("curriculum", "b"), List.of("b1", "b2")));
        Map<String, Score> blimp = new LinkedHashMap<>();
        double[] values = {0.60, 0.64, 0.50, 0.54, 0.70, 0.80};
        for (int i = 0; i < models.size(); i++) {
            blimp.put(models.get(i).id(), blimp(values[i], 0, values[i], values[i]));
        }
        ReportData data = new ReportData(
                "toy",
                List.of("curriculum", "seed"),
                "seed",
                models,
                conditions,
                List.of(new Task("blimp", "blimp", "accuracy", false)),
                Map.of("blimp", blimp));

        assertEquals(0.62, data.conditionMeans("blimp").get("pretrain"), 1e-12);
        assertEquals(Math.sqrt(0.005), data.conditionSds("blimp").get("instruct curriculum=b"), 1e-12);
        assertEquals(List.of("curriculum"), data.groupingAxes(), "the replicate axis groups nothing");
        String html = new HtmlReport(data, ReportSettings.defaults(), INFO, List.of()).html();
        assertTrue(
                html.contains("<td class=\"num span\" colspan=\"2\">0.620 &plusmn; 0.028</td>"),
                "pretrain once, spanning both curricula");
        assertTrue(
                html.contains("<td class=\"num\">0.520 &plusmn; 0.028</td><td class=\"num\">0.750 &plusmn; 0.071</td>"),
                html);
        assertTrue(
                html.contains("replicates over seed averaged, error bars one sample sd"),
                "the bar chart says what its error bars are");
    }

    private static ModelRun sweptModel(String id, String name, String seed, String... curricula) {
        return new ModelRun(
                id, name, Map.of("curriculum", List.of(curricula), "seed", List.of(seed)), List.of("t-" + id));
    }

    private static ModelRun model(String id, String name) {
        return new ModelRun(id, name, Map.of(), List.of("base"));
    }

    private static Score blimp(double accuracy, int ties, double subjVerb, double island) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", accuracy);
        metrics.put("ties", (double) ties);
        metrics.put("ties_count_as_gold", 0.0);
        Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
        groups.put("subj_verb", Map.of("accuracy", subjVerb));
        groups.put("island", Map.of("accuracy", island));
        return new Score(
                Status.OK,
                "e-" + accuracy,
                new EvaluationResult("accuracy", metrics, groups, 100),
                "2026-01-02T03:00:00Z");
    }

    private static Score reading(double value) {
        return new Score(
                Status.OK,
                "r-" + value,
                new EvaluationResult("eye_tracking_score", Map.of("eye_tracking_score", value), Map.of(), 50),
                null);
    }
}
