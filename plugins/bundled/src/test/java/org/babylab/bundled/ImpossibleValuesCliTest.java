package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Values that cannot work are refused before anything runs, or fail their step with a message, never silently. */
class ImpossibleValuesCliTest {
    private static String experiment(Path corpus, String optimizer) {
        return """
                experiment: impossible
                datasets:
                  corpus: {type: text, paths: ["%s"]}
                tokenizers:
                  bpe: {type: bpe, vocab_size: 300, train_on: corpus}
                models:
                  tiny: {type: llama, preset: llama-tiny, tokenizer: bpe}
                stages:
                  pretrain: {type: causal-lm, from: tiny, data: corpus, max_steps: 2, seq_len: 16, optimizer: %s}
                """.formatted(corpus, optimizer);
    }

    @Test
    void a_learning_rate_of_1e30_is_refused_at_plan_time_with_its_location(@TempDir Path dir) throws Exception {
        Path corpus = Files.writeString(dir.resolve("c.txt"), "the dog runs .\n");
        Path yaml = Files.writeString(dir.resolve("e.yaml"), experiment(corpus, "{lr: 1.0e30}"));
        CliRun plan = CliRun.of(
                "plan", yaml.toString(), "--store", dir.resolve("store").toString());
        assertEquals(2, plan.exitCode(), plan.transcript());
        assertTrue(
                plan.err().contains("e.yaml:9:") && plan.err().contains("optimizer.lr must be in (0, 1.0]"),
                plan.transcript());
    }

    @Test
    void a_gpu_with_no_memory_on_the_command_line_is_a_user_error(@TempDir Path dir) throws Exception {
        Path corpus = Files.writeString(dir.resolve("c.txt"), "the dog runs .\n");
        Path yaml = Files.writeString(dir.resolve("e.yaml"), experiment(corpus, "{lr: 1.0e-3}"));
        CliRun run = CliRun.of(
                "run", yaml.toString(), "--store", dir.resolve("store").toString(), "--devices", "cpu=1,gpu=0GB");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("gpu=0GB has no memory"), run.transcript());
        assertFalse(run.err().contains("\tat "), run.transcript());
    }

    @Test
    void bpe_on_an_empty_corpus_fails_its_step_naming_the_dataset(@TempDir Path dir) throws Exception {
        Path corpus = Files.writeString(dir.resolve("empty.txt"), "\n\n");
        Path yaml = Files.writeString(dir.resolve("e.yaml"), experiment(corpus, "{lr: 1.0e-3}"));
        CliRun run = CliRun.of(
                "run", yaml.toString(), "--store", dir.resolve("store").toString(), "--no-progress");
        assertEquals(1, run.exitCode(), run.transcript());
        assertTrue(
                run.out().contains("FAILED tokenizer:bpe")
                        && run.out().contains("dataset 'corpus' has no text to train on"),
                run.transcript());
    }

    @Test
    void a_seq_len_beyond_the_presets_max_length_is_refused_at_plan_time_with_its_location(@TempDir Path dir)
            throws Exception {
        Path corpus = Files.writeString(dir.resolve("c.txt"), "the dog runs .\n");
        Path yaml = Files.writeString(dir.resolve("e.yaml"), experiment(corpus, "{lr: 1.0e-3}"));
        CliRun plan = CliRun.of(
                "plan",
                yaml.toString(),
                "--store",
                dir.resolve("store").toString(),
                "--set",
                "stages.pretrain.seq_len=1000");
        assertEquals(2, plan.exitCode(), plan.transcript());
        assertTrue(
                plan.err().contains("e.yaml:9:")
                        && plan.err().contains("seq_len 1000 exceeds the max_length 256 of model 'tiny'"),
                plan.transcript());
        assertFalse(plan.err().contains("\tat "), plan.transcript());
        // The preset's own limit is allowed.
        CliRun ok = CliRun.of(
                "plan",
                yaml.toString(),
                "--store",
                dir.resolve("store").toString(),
                "--set",
                "stages.pretrain.seq_len=256");
        assertEquals(0, ok.exitCode(), ok.transcript());
    }
}
