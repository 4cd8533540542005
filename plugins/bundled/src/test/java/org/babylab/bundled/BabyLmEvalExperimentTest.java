package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * experiments/babylm-eval.yaml runs every zero-shot evaluator on its real BabyLM 2025 file, read in
 * place (the zipped sets from their zips), and the results table has a column per task.
 */
class BabyLmEvalExperimentTest {
    private static final List<String> TASKS =
            List.of("blimp", "supplement", "ewok", "entity-tracking", "wug", "reading", "dialogue");

    @Test
    void every_evaluator_runs_on_its_real_file_and_wug_on_a_word_ngram_fails_saying_why(@TempDir Path dir)
            throws Exception {
        // A word trigram has seen none of the nonce adjectives: its wug step fails with the reason
        // (a constant ranking has no Spearman's rho) and the other six tasks are still scored and reported.
        CliRun run = run(dir, 1, "--set", "evaluate.on=[trigram]");
        assertTrue(
                run.out().contains("same preference on all") || run.err().contains("same preference on all"),
                run.transcript());
        Path results = resultsDir(run);
        JsonNode rows =
                new ObjectMapper().readTree(results.resolve("results.json").toFile());
        for (String task : TASKS) {
            assertTrue(task.equals("wug") || rows.toString().contains(task), "a result for " + task + ": " + rows);
        }
        // One model: bars and per-group heat maps, no z-scores (they need two models), and the page says so.
        Path page = results.resolve("report/index.html");
        assertTrue(
                Files.readString(page).contains("No z-scores for blimp"),
                "the report says why there is no z-score plot");
        BrowserCheck.Result r = BrowserCheck.check(
                page, Path.of("target/report-screenshots/babylm-eval-trigram.png"), dir.resolve("browser"));
        assertTrue(
                r.figureIds().containsAll(List.of("bars-accuracy", "heatmap-blimp", "heatmap-ewok")),
                r.figureIds().toString());
    }

    @Test
    @Tag("slow")
    void the_whole_suite_runs_on_the_tiny_llama(@TempDir Path dir) throws Exception {
        Path results = resultsDir(run(dir, 0));
        String json = Files.readString(results.resolve("results.json"));
        for (String task : TASKS) {
            assertTrue(json.contains(task), "a result for " + task + ": " + json);
        }
        BrowserCheck.Result r = BrowserCheck.check(
                results.resolve("report/index.html"),
                Path.of("target/report-screenshots/babylm-eval.png"),
                dir.resolve("browser"));
        assertTrue(r.figureIds().contains("bars-accuracy"), r.figureIds().toString());
    }

    /** Runs the experiment and checks its exit code. */
    private static CliRun run(Path dir, int expectedExit, String... extra) throws Exception {
        Path data = CliRun.projectDir()
                .resolve("../shared/data/babylm2025_full_eval")
                .normalize();
        Assumptions.assumeTrue(
                Files.isDirectory(data), "../shared/data not present: skipping the real-data evaluation suite");
        Path yaml = CliRun.projectDir().resolve("experiments/babylm-eval.yaml");
        String[] args = new String[5 + extra.length];
        args[0] = "run";
        args[1] = yaml.toString();
        args[2] = "--store";
        args[3] = dir.resolve("store").toString();
        args[4] = "--no-progress";
        System.arraycopy(extra, 0, args, 5, extra.length);
        CliRun run = CliRun.of(args);
        assertEquals(expectedExit, run.exitCode(), run.transcript());
        return run;
    }

    /** The results directory, as the run prints it. */
    private static Path resultsDir(CliRun run) {
        java.util.regex.Matcher where =
                java.util.regex.Pattern.compile("results in (\\S+)").matcher(run.out());
        assertTrue(where.find(), run.transcript());
        return Path.of(where.group(1));
    }
}
