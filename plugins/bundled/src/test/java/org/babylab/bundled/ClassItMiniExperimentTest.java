package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLASS-IT mini study run through the CLI as a user runs it: two tiny models x three curricula,
 * every trial reported for the pretrained and the instruction-tuned model, each model pretrained
 * once and each sequential curriculum's first phase trained once.
 */
class ClassItMiniExperimentTest {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) ran, (\\d+) reused, (\\d+) failed, (\\d+) skipped");
    private static final Pattern RUN_LINE =
            Pattern.compile("(?m)^\\[run\\] (stage:\\S+(?: phase \\d+/\\d+ \\([^)]*\\))? \\[[^]]*\\])");

    @TempDir
    static Path dir;

    static CliRun run;

    @BeforeAll
    static void runOnce() {
        Path yaml = CliRun.projectDir().resolve("experiments/class-it-mini.yaml");
        run = CliRun.of("run", yaml.toString(), "--store", dir.resolve("store").toString(), "--no-progress");
    }

    @Test
    void class_it_mini_runs_every_trial_with_shared_pretraining_and_phases_trained_once() throws Exception {
        assertEquals(0, run.exitCode(), run.transcript());
        Matcher summary = SUMMARY.matcher(run.out());
        assertTrue(summary.find(), run.transcript());
        assertEquals("0", summary.group(3), "nothing failed: " + run.transcript());
        assertEquals("0", summary.group(4), "nothing skipped: " + run.transcript());

        List<String> trained =
                RUN_LINE.matcher(run.out()).results().map(r -> r.group(1)).toList();
        assertEquals(trained.size(), new HashSet<>(trained).size(), "no training step ran twice: " + trained);
        assertEquals(
                2,
                trained.stream().filter(s -> s.startsWith("stage:pretrain ")).count(),
                "one pretraining per model: " + trained);
        assertEquals(
                4,
                trained.stream().filter(s -> s.contains(" phase 1/2 ")).count(),
                "each sequential curriculum's first phase once per model: " + trained);
        assertEquals(4, trained.stream().filter(s -> s.contains(" phase 2/2 ")).count(), trained.toString());
        assertEquals(
                2,
                trained.stream().filter(s -> s.contains(" phase 1/1 ")).count(),
                "the merged curriculum's one phase per model: " + trained);

        JsonNode rows = new ObjectMapper()
                .readTree(dir.resolve("results/class-it-mini/results.json").toFile());
        Set<String> seen = new HashSet<>();
        for (JsonNode row : rows) {
            assertTrue(
                    seen.add(
                            row.get("trial").asText() + " / " + row.get("model").asText()),
                    "one row per trial and model: " + rows);
            assertEquals("ok", row.at("/results/minimal-pairs/status").asText(), row.toString());
        }
        assertEquals(12, seen.size(), "6 trials x {pretrain, instruct}: " + seen);
        for (String vocab : List.of("512", "1024")) {
            for (String curriculum : List.of("merged", "switchboard-then-wiki", "wiki-then-switchboard")) {
                for (String model : List.of("pretrain", "instruct")) {
                    assertTrue(
                            seen.contains("vocab=" + vocab + ",curriculum=" + curriculum + " / " + model),
                            seen.toString());
                }
            }
        }
    }

    @Test
    void the_report_shows_each_pretrained_model_once_and_renders_in_a_browser_with_nothing_fetched() throws Exception {
        assertEquals(0, run.exitCode(), run.transcript());
        Path page = dir.resolve("results/class-it-mini/report/index.html");
        String html = Files.readString(page);
        // The pivot: rows (model, vocab), columns the curricula; pretrain is shared by the three curricula, so one cell
        // spans them.
        assertTrue(
                html.contains("<h3>minimal-pairs: accuracy by curriculum</h3>"),
                "a table pivoted by the last sweep axis");
        assertEquals(
                2, html.split("colspan=\"3\"", -1).length - 1, "pretrain once per vocab, spanning the three curricula");
        assertTrue(
                html.contains(
                        "<th class=\"num\">merged</th><th class=\"num\">switchboard-then-wiki</th><th class=\"num\">wiki-then-switchboard</th>"),
                "the curricula are the columns");
        assertEquals(
                8,
                html.split("<summary>keys, trials, date</summary>", -1).length - 1,
                "all results: 2 pretrained + 6 instruction-tuned models, each once with its provenance");

        BrowserCheck.Result r = BrowserCheck.check(
                page, Path.of("target/report-screenshots/class-it-mini.png"), dir.resolve("browser"));
        // The loss curve comes from the train-metrics.jsonl that causal-lm and instruction-tune steps publish.
        assertEquals(
                List.of("bars-minimal-pairs", "zscores-zero-shot", "heatmap-minimal-pairs", "curve-loss"),
                r.figureIds());
        assertTrue(r.marks().get(0) >= 8, "a bar per model (2 pretrained, 6 tuned): " + r.marks());
        assertTrue(r.marks().get(2) >= 8 * 9, "a heat-map cell per model and group: " + r.marks());
    }
}
