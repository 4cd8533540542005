package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** experiments/blimp-ngram.yaml scores the n-gram on all 67 BLiMP paradigms of the BabyLM 2025 data. */
class BlimpExperimentTest {

    @Test
    void ngram_is_scored_on_all_67_blimp_paradigms(@TempDir Path dir) throws Exception {
        Path blimp = CliRun.projectDir()
                .resolve("../shared/data/babylm2025_full_eval/blimp_filtered")
                .normalize();
        Assumptions.assumeTrue(
                Files.isDirectory(blimp), "../shared/data not present: skipping the real-BLiMP experiment");
        Path yaml = CliRun.projectDir().resolve("experiments/blimp-ngram.yaml");
        Path store = dir.resolve("store");

        CliRun run = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");

        assertEquals(0, run.exitCode(), run.transcript());
        JsonNode metrics = evaluationMetrics(store);
        List<String> groups = new java.util.ArrayList<>();
        metrics.get("groups").fieldNames().forEachRemaining(groups::add);
        // One group per paradigm (UID), plus one per linguistic field ("field:syntax", ...).
        assertEquals(
                67, groups.stream().filter(g -> !g.contains(":")).count(), "one group per BLiMP paradigm: " + groups);
        assertTrue(groups.contains("field:morphology"), groups.toString());
        assertEquals(59_875, metrics.get("items").asLong());
        JsonNode m = metrics.get("metrics");
        double accuracy = m.get(metrics.get("primaryMetric").asText()).asDouble();
        // The toy corpus leaves most BLiMP words unknown, so many pairs tie: ties are reported and
        // counted wrong by default, and the pipeline's ties-to-gold figure is reported next to it.
        assertTrue(m.get("ties").asDouble() > 0, "ties are counted: " + m);
        assertEquals(accuracy, m.get("accuracy_ties_wrong").asDouble(), 1e-12);
        assertEquals(
                accuracy + m.get("ties").asDouble() / 59_875,
                m.get("accuracy_ties_gold").asDouble(),
                0.02,
                "ties-to-gold differs from ties-wrong by about the share of ties (macro vs micro averaging aside)");
    }

    /** The metrics.json of the single evaluation step in the store. */
    static JsonNode evaluationMetrics(Path store) throws Exception {
        try (Stream<Path> walk = Files.walk(store.resolve("entries"))) {
            List<Path> files = walk.filter(p -> p.getFileName().toString().equals("metrics.json"))
                    .toList();
            assertEquals(1, files.size(), "one evaluation entry: " + files);
            return new ObjectMapper().readTree(files.get(0).toFile());
        }
    }
}
