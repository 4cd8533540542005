package org.babylab.plugins.eval.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.babylab.api.eval.EvaluationResult;
import org.babylab.plugins.eval.CharBigramModel;
import org.babylab.plugins.eval.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minimal-pairs} on the quickstart's generated pairs, through a glob as quickstart.yaml could write it. */
class QuickstartPairsTest {
    @TempDir
    Path tmp;

    @Test
    void the_generated_quickstart_pairs_are_read_through_a_glob_and_scored_per_uid() throws Exception {
        Path project = Path.of(System.getProperty("babylab.project.dir", "../.."));
        Path data = project.resolve("experiments/data/quickstart");
        Path corpus = data.resolve("corpus/train.txt");
        Assumptions.assumeTrue(
                Files.isDirectory(data.resolve("eval/minimal_pairs")) && Files.isRegularFile(corpus),
                "experiments/data/quickstart not generated: skipping");
        CharBigramModel model = new CharBigramModel(Files.readAllLines(corpus), true, 1024, 4096);
        EvaluationResult r = Fixtures.run(
                        new MinimalPairsEvaluator(
                                "minimal-pairs", new MinimalPairsConfig("eval/minimal_pairs/*.jsonl", null), data),
                        model,
                        tmp)
                .result();
        long uids = r.groups().keySet().stream().filter(g -> !g.contains(":")).count();
        try (var files = Files.list(data.resolve("eval/minimal_pairs"))) {
            assertEquals(files.filter(f -> f.toString().endsWith(".jsonl")).count(), uids);
        }
        assertTrue(
                r.primary() > 0.5, "a character bigram trained on the quickstart corpus beats chance: " + r.metrics());
    }
}
