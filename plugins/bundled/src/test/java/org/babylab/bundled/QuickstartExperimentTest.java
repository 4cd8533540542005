package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quickstart, run through the CLI exactly as a user runs it: everything trains, every
 * model is scored, a second run reuses every step, and the results files, the {@code results}
 * command and the report all agree.
 */
class QuickstartExperimentTest {
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) ran, (\\d+) reused, (\\d+) failed, (\\d+) skipped");
    private static final List<String> MODELS = List.of("bigram", "trigram", "fourgram", "pretrain");

    @TempDir
    static Path dir;

    static Path yaml;
    static Path store;
    static CliRun first;
    static CliRun second;

    @BeforeAll
    static void runTwice() {
        yaml = CliRun.projectDir().resolve("experiments/quickstart.yaml");
        store = dir.resolve("store");
        first = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");
        second = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");
    }

    @Test
    void quickstart_runs_end_to_end_then_reuses_every_step() throws Exception {
        assertEquals(0, first.exitCode(), first.transcript());
        Matcher m1 = summary(first);
        int ran = Integer.parseInt(m1.group(1));
        assertTrue(ran >= 5, "tokenizer, three models, the stage and the evaluations run: " + first.transcript());
        assertEquals("0", m1.group(3), first.transcript());

        JsonNode results = new ObjectMapper()
                .readTree(dir.resolve("results/quickstart/results.json").toFile());
        String text = results.toString();
        for (String model : MODELS) {
            assertTrue(text.contains(model), "results name " + model + ": " + text);
        }

        assertEquals(0, second.exitCode(), second.transcript());
        Matcher m2 = summary(second);
        assertEquals("0", m2.group(1), "nothing runs again: " + second.transcript());
        assertEquals(String.valueOf(ran), m2.group(2), second.transcript());

        // The trained LLaMA leaves the store as a Hugging Face directory, and its entry is one command away.
        CliRun path = CliRun.of("path", yaml.toString(), "stage:pretrain", "--store", store.toString());
        assertEquals(0, path.exitCode(), path.transcript());
        assertTrue(Files.isRegularFile(Path.of(path.out().trim()).resolve("model.safetensors")), path.transcript());
        Path hf = dir.resolve("hf-export");
        CliRun export =
                CliRun.of("export", yaml.toString(), "stage:pretrain", hf.toString(), "--store", store.toString());
        assertEquals(0, export.exitCode(), export.transcript());
        for (String f : new String[] {
            "config.json",
            "model.safetensors",
            "tokenizer.json",
            "tokenizer_config.json",
            "special_tokens_map.json",
            "generation_config.json"
        }) {
            assertTrue(Files.isRegularFile(hf.resolve(f)), f + " exported: " + export.transcript());
        }
        CliRun again =
                CliRun.of("export", yaml.toString(), "stage:pretrain", hf.toString(), "--store", store.toString());
        assertEquals(2, again.exitCode(), again.transcript());
        assertTrue(again.err().contains("is not empty"), again.transcript());
        CliRun notAModel = CliRun.of(
                "export", yaml.toString(), "tokenizer:bpe", dir.resolve("x").toString(), "--store", store.toString());
        assertTrue(notAModel.err().contains("produces no model"), notAModel.transcript());
    }

    @Test
    void results_prints_text_csv_and_json_that_agree_with_the_files_the_run_wrote() throws Exception {
        Path saved = dir.resolve("results/quickstart");
        CliRun csv = CliRun.of("results", yaml.toString(), "--store", store.toString(), "--format", "csv");
        assertEquals(0, csv.exitCode(), csv.transcript());
        assertEquals(
                Files.readString(saved.resolve("results.csv")), csv.out(), "csv on stdout is the saved results.csv");
        List<String> lines = csv.out().lines().toList();
        assertEquals("trial,model,minimal-pairs,model_key", lines.get(0));
        assertEquals(5, lines.size(), csv.out());

        CliRun json = CliRun.of("results", yaml.toString(), "--store", store.toString(), "--format", "json");
        assertEquals(0, json.exitCode(), json.transcript());
        ObjectMapper mapper = new ObjectMapper();
        assertEquals(mapper.readTree(saved.resolve("results.json").toFile()), mapper.readTree(json.out()));

        CliRun text = CliRun.of("results", yaml.toString(), "--store", store.toString());
        assertEquals(0, text.exitCode(), text.transcript());
        assertTrue(text.out().startsWith("trial  model     minimal-pairs (accuracy)"), text.out());
        for (String model : MODELS) {
            String value = lines.stream()
                    .filter(l -> l.startsWith("base," + model + ","))
                    .findFirst()
                    .orElseThrow()
                    .split(",")[2];
            assertTrue(
                    text.out().contains(model) && text.out().contains(value),
                    model + " " + value + " in\n" + text.out());
        }

        CliRun bad = CliRun.of("results", yaml.toString(), "--store", store.toString(), "--format", "xml");
        assertEquals(2, bad.exitCode());
        assertEquals("error: --format must be text, csv or json, not 'xml'\n", bad.err());
    }

    @Test
    void a_run_with_overrides_writes_its_own_results_and_says_what_produced_them() throws Exception {
        CliRun run = CliRun.of(
                "run", yaml.toString(), "--store", store.toString(), "--no-progress", "--set", "evaluate.on=[bigram]");
        assertEquals(0, run.exitCode(), run.transcript());
        Matcher where = Pattern.compile("results in (\\S+)").matcher(run.out());
        assertTrue(where.find(), run.transcript());
        Path own = Path.of(where.group(1));
        assertTrue(own.getFileName().toString().matches("quickstart\\+set-[0-9a-f]{8}"), own.toString());

        JsonNode provenance =
                new ObjectMapper().readTree(own.resolve("provenance.json").toFile());
        assertEquals("[\"evaluate.on=[bigram]\"]", provenance.get("overrides").toString());
        assertEquals(
                yaml.toAbsolutePath().normalize().toString(),
                provenance.get("file").asText());
        assertTrue(provenance.get("written_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), provenance.toString());
        assertEquals(1, provenance.get("rows").size());
        assertEquals(64, provenance.at("/rows/0/model_key").asText().length());
        assertEquals(
                64,
                provenance.at("/rows/0/evaluation_keys/minimal-pairs").asText().length());

        JsonNode plain = new ObjectMapper()
                .readTree(dir.resolve("results/quickstart/results.json").toFile());
        assertEquals(4, plain.size(), "the plain file's results are untouched by the run with overrides");
        assertEquals(
                "[]",
                new ObjectMapper()
                        .readTree(dir.resolve("results/quickstart/provenance.json")
                                .toFile())
                        .get("overrides")
                        .toString());
        assertTrue(
                Files.readString(own.resolve("report/index.html")).contains("evaluate.on=[bigram]"),
                "the report names its overrides");
    }

    @Test
    void the_run_writes_a_report_whose_figures_render_in_a_browser_with_nothing_fetched() throws Exception {
        Path report = dir.resolve("results/quickstart/report");
        assertTrue(second.out().contains("report: " + report.resolve("index.html")), second.transcript());
        // curve-loss: the learning curve of the tiny LLaMA's pretraining, from its train-metrics.jsonl.
        List<String> expected = List.of("bars-accuracy", "zscores-zero-shot", "heatmap-minimal-pairs", "curve-loss");
        try (Stream<Path> files = Files.list(report.resolve("figures"))) {
            assertEquals(
                    expected.stream()
                            .flatMap(f -> Stream.of(f + ".png", f + ".svg"))
                            .sorted()
                            .toList(),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String html = Files.readString(report.resolve("index.html"));
        assertFalse(html.contains("id=\"warnings\""), "no model ties on more than 5% of the quickstart's pairs");

        BrowserCheck.Result r = BrowserCheck.check(
                report.resolve("index.html"),
                Path.of("target/report-screenshots/quickstart.png"),
                dir.resolve("browser"));
        assertEquals(expected, r.figureIds());
        assertTrue(r.marks().get(0) >= MODELS.size(), "one bar per model at least: " + r.marks());
    }

    @Test
    void report_before_anything_ran_writes_a_page_that_says_so_where_it_is_told() throws Exception {
        Path out = dir.resolve("early-report");
        CliRun report = CliRun.of(
                "report", yaml.toString(), "--store", dir.resolve("empty-store").toString(), "-o", out.toString());
        assertEquals(0, report.exitCode(), report.transcript());
        assertTrue(report.out().contains("report: " + out.resolve("index.html") + " (0 figure(s)"), report.out());
        assertTrue(
                report.out().contains("no evaluation has a result in the store yet; run it first: babylab run " + yaml),
                report.out());
        String html = Files.readString(out.resolve("index.html"));
        assertTrue(html.contains("No evaluation has a result yet."), "the figure sections say why they are empty");
        assertEquals(
                4,
                html.split("<span class=\"shared\">not run</span>", -1).length - 1,
                "each model's cell says it has not run");

        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        CliRun blocked = CliRun.of(
                "report", yaml.toString(), "--store", dir.resolve("empty-store").toString(), "-o", file.toString());
        assertEquals(2, blocked.exitCode(), blocked.transcript());
        assertTrue(blocked.err().startsWith("error: cannot write the report into " + file), blocked.err());
        assertFalse(blocked.err().contains("\tat "), "no stack trace: " + blocked.err());
    }

    private static Matcher summary(CliRun run) {
        Matcher m = SUMMARY.matcher(run.out());
        assertTrue(m.find(), "a run summary line: " + run.transcript());
        return m;
    }
}
