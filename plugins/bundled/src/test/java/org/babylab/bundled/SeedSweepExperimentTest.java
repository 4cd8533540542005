package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * experiments/quickstart-seeds.yaml through the CLI: three seeds are three LLaMAs (initialised and
 * trained with different seeds) sharing one tokenizer and one trigram, and the results table ends
 * with a {@code seed=mean} row per model: mean, sample sd and n over the seeds.
 */
class SeedSweepExperimentTest {
    private static final Path YAML = CliRun.projectDir().resolve("experiments/quickstart-seeds.yaml");
    /** A small corpus, so that three pretrainings take seconds; the keys' structure is the file's. */
    private static final String SMALL = "datasets.corpus.max_examples=200";

    @Test
    void three_seeds_are_three_llamas_sharing_what_does_not_use_the_seed(@TempDir Path dir) throws Exception {
        CliRun plan = CliRun.of(
                "plan",
                YAML.toString(),
                "--json",
                "--store",
                dir.resolve("store").toString());
        assertEquals(0, plan.exitCode(), plan.transcript());
        JsonNode steps = new ObjectMapper().readTree(plan.out()).get("steps");
        Map<String, Long> perName = new java.util.TreeMap<>();
        steps.forEach(s -> perName.merge(s.get("name").asText().replaceAll(" \\[seed=\\d+]", ""), 1L, Long::sum));
        assertEquals(
                Map.of(
                        "tokenizer:bpe",
                        1L,
                        "model:trigram",
                        1L,
                        "eval:minimal-pairs on trigram",
                        1L,
                        "model:tiny",
                        3L,
                        "stage:pretrain",
                        3L,
                        "eval:minimal-pairs on pretrain",
                        3L),
                perName,
                plan.out());
    }

    /** Three short pretrainings: about 15 s on a quiet machine, a minute at load average 11. */
    @Test
    @Tag("slow")
    void the_results_table_ends_with_the_mean_and_sample_sd_over_the_seeds(@TempDir Path dir) throws Exception {
        String store = dir.resolve("store").toString();
        CliRun run = CliRun.of("run", YAML.toString(), "--store", store, "--no-progress", "--set", SMALL);
        assertEquals(0, run.exitCode(), run.transcript());
        assertTrue(run.out().contains("seed=mean"), run.transcript());

        CliRun csv = CliRun.of("results", YAML.toString(), "--store", store, "--set", SMALL, "--format", "csv");
        List<String> lines = csv.out().lines().toList();
        assertEquals(
                "trial,model,minimal-pairs,minimal-pairs_sd,minimal-pairs_n,model_key", lines.get(0), csv.transcript());
        List<Double> llamas = new ArrayList<>();
        for (String line : lines) {
            if (line.matches("seed=4[234],pretrain,.*")) {
                llamas.add(Double.parseDouble(line.split(",")[2]));
            }
        }
        assertEquals(3, llamas.size(), csv.out());
        double mean = llamas.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(
                llamas.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / 2);
        String[] summary = lines.stream()
                .filter(l -> l.startsWith("seed=mean,pretrain,"))
                .findFirst()
                .orElseThrow()
                .split(",", -1);
        // The rows print 4 decimals, so the summary of the unrounded values agrees to about 1e-4.
        assertEquals(mean, Double.parseDouble(summary[2]), 1e-4, Arrays.toString(summary));
        assertEquals(sd, Double.parseDouble(summary[3]), 2e-4, Arrays.toString(summary));
        assertEquals("3", summary[4]);
        String[] trigram = lines.stream()
                .filter(l -> l.startsWith("seed=mean,trigram,"))
                .findFirst()
                .orElseThrow()
                .split(",", -1);
        assertEquals("", trigram[3], "one trigram for every seed: one result, no sd");
        assertEquals("1", trigram[4]);

        JsonNode json = new ObjectMapper()
                .readTree(CliRun.of("results", YAML.toString(), "--store", store, "--set", SMALL, "--format", "json")
                        .out());
        JsonNode last = json.get(json.size() - 1);
        assertEquals("seed", last.get("summary").get("over").asText());
        assertEquals(
                List.of("seed=42", "seed=43", "seed=44"),
                java.util.stream.StreamSupport.stream(
                                last.get("summary").get("trials").spliterator(), false)
                        .map(JsonNode::asText)
                        .collect(Collectors.toList()));
    }
}
