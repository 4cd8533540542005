package org.babylab.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.babylab.testkit.CharBigramModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlimpScoringBenchmarkTest {
    @TempDir
    Path dir;

    private static String run(Path blimpDir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CharBigramModel model = CharBigramModel.train(List.of("the cat sat on the mat.", "who did you see?"));
        BlimpScoringBenchmark.run(model, blimpDir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The shared real-data directory ({@code babylab.shared.dir}/data, as the build sets it, or ../shared/data). */
    private static Path sharedData() {
        String prop = System.getProperty("babylab.shared.dir");
        Path shared = prop != null ? Path.of(prop) : Path.of("..", "..", "..", "shared");
        return shared.resolve("data").toAbsolutePath().normalize();
    }

    @Test
    void the_benchmark_reports_both_paths_their_ratio_and_that_they_agree() throws Exception {
        Files.writeString(
                dir.resolve("a.jsonl"),
                "{\"sentence_good\": \"the cat sat.\", \"sentence_bad\": \"sat the cat.\", \"UID\": \"a\"}\n"
                        + "{\"sentence_good\": \"the cat sat.\", \"sentence_bad\": \"the cats sat.\", \"UID\": \"a\"}\n");
        Files.writeString(
                dir.resolve("b.jsonl"),
                "{\"sentence_good\": \"who did you see?\", \"sentence_bad\": \"who did you saw?\", \"UID\": \"b\"}\n");
        String out = run(dir);
        assertTrue(out.contains("2 files, 3 pairs, 6 sentences"), out);
        assertTrue(
                out.contains("optimised:")
                        && out.contains("naive:")
                        && out.contains("items/s")
                        && out.contains("tokens/s"),
                out);
        assertTrue(out.contains("(5 distinct sequences"), out);
        assertTrue(out.matches("(?s).*max \\|score difference\\|: 0(\\.0+)?\\s*$"), out);
    }

    @Test
    void the_benchmark_runs_on_a_few_real_blimp_files_read_in_place() throws Exception {
        Path blimp = sharedData().resolve("babylm2025_full_eval/blimp_filtered");
        Assumptions.assumeTrue(Files.isDirectory(blimp), "../shared/data not present: skipping real-data test");
        Path links = Files.createDirectories(dir.resolve("few"));
        for (String f : List.of("adjunct_island.jsonl", "anaphor_gender_agreement.jsonl", "passive_1.jsonl")) {
            Files.createSymbolicLink(links.resolve(f), blimp.resolve(f));
        }
        String out = run(links);
        assertTrue(out.contains("3 files") && out.contains("speed-up"), out);
    }
}
