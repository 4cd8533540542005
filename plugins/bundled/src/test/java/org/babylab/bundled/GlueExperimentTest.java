package org.babylab.bundled;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code glue} fine-tuning evaluator through the CLI as a user runs it: the tiny LLaMA learns
 * the generated cue task (experiments/glue-cue.yaml) to near-perfect validation accuracy; kill -9
 * during fine-tuning and a re-run resumes from the last epoch's checkpoint and ends with the same
 * metrics; models that cannot classify and missing train files are plan-time errors.
 */
class GlueExperimentTest {

    @Test
    void the_tiny_llama_learns_the_cue_task_to_near_perfect_accuracy(@TempDir Path dir) throws Exception {
        JsonNode cue = runWhole(dir);
        assertTrue(cue.path("metrics").path("accuracy").asDouble() >= 0.95, "near-perfect accuracy on the cue: " + cue);
        assertTrue(
                cue.path("metrics").path("majority_accuracy").asDouble() < 0.6,
                "the majority baseline is near 50%: " + cue);
        assertEquals(3, cue.path("groups").size(), "one group per epoch: " + cue);
    }

    private static JsonNode runWhole(Path dir) throws IOException {
        Path yaml = CliRun.projectDir().resolve("experiments/glue-cue.yaml");
        CliRun whole = CliRun.of(
                "run", yaml.toString(), "--store", dir.resolve("a/store").toString(), "--no-progress");
        assertEquals(0, whole.exitCode(), whole.transcript());
        return results(dir.resolve("a/results/glue-cue/results.json"));
    }

    /** Three CLI runs, about 5 s on a quiet machine. */
    @Test
    void a_run_killed_during_fine_tuning_resumes_to_the_same_metrics(@TempDir Path dir) throws Exception {
        Path yaml = CliRun.projectDir().resolve("experiments/glue-cue.yaml");
        JsonNode cue = runWhole(dir);

        Path storeB = dir.resolve("b/store");
        Path log = dir.resolve("killed.log");
        Process first = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx4g",
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.babylab.runtime.cli.Main",
                        "run",
                        yaml.toString(),
                        "--store",
                        storeB.toString(),
                        "--no-progress")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !first.isAlive() || hasEpochCheckpoint(storeB));
            assertTrue(first.isAlive(), "fine-tuning must still run when killed; its log:\n" + Files.readString(log));
            first.destroyForcibly(); // SIGKILL: no shutdown hook runs
            first.waitFor();
        } finally {
            first.destroyForcibly();
        }
        CliRun again = CliRun.of("run", yaml.toString(), "--store", storeB.toString(), "--no-progress");
        assertEquals(0, again.exitCode(), again.transcript());
        assertTrue(logs(storeB).contains("glue: resumed after epoch"), "the evaluation resumed from its checkpoint");
        JsonNode resumed = results(dir.resolve("b/results/glue-cue/results.json"));
        assertEquals(cue.path("metrics"), resumed.path("metrics"), "same metrics as the uninterrupted run");
        assertEquals(
                cue.path("groups"), resumed.path("groups"), "same per-epoch loss and metrics as the uninterrupted run");
    }

    @Test
    void rte_mrpc_and_wsc_from_shared_run_end_to_end_with_accuracy_f1_mcc_and_the_majority_baseline(@TempDir Path dir)
            throws Exception {
        Path glue = CliRun.projectDir()
                .resolve("../shared/data/babylm2025_full_eval/glue_filtered")
                .normalize();
        Assumptions.assumeTrue(
                Files.isDirectory(glue), "skipped: " + glue + " (the BabyLM 2025 glue_filtered files) is absent");
        Path yaml = CliRun.projectDir().resolve("experiments/glue-mini.yaml");
        CliRun run = CliRun.of(
                "run", yaml.toString(), "--store", dir.resolve("store").toString(), "--no-progress");
        assertEquals(0, run.exitCode(), run.transcript());
        JsonNode all = new ObjectMapper()
                .readTree(dir.resolve("results/glue-mini/results.json").toFile())
                .get(0)
                .path("results");
        for (String task : new String[] {"rte", "mrpc", "wsc"}) {
            JsonNode m = all.path(task).path("metrics");
            for (String metric : new String[] {"accuracy", "f1", "mcc", "majority_accuracy"}) {
                assertTrue(m.has(metric), task + " reports " + metric + ": " + m);
            }
            assertTrue(
                    m.path("accuracy").asDouble() >= m.path("majority_accuracy").asDouble() - 0.1,
                    task + " is not far below the majority: " + m);
        }
    }

    @Test
    void a_model_that_cannot_classify_and_a_missing_train_file_are_plan_time_errors(@TempDir Path dir)
            throws Exception {
        Path corpus = CliRun.projectDir().resolve("experiments/data/quickstart/corpus/train.txt");
        Files.createDirectories(dir.resolve("glue"));
        Files.copy(
                CliRun.projectDir().resolve("experiments/data/glue-cue/rte.valid.jsonl"),
                dir.resolve("glue/boolq.valid.jsonl"));
        Path ngram = dir.resolve("ngram.yaml");
        Files.writeString(ngram, """
                experiment: glue-ngram
                datasets:
                  corpus: {type: text, paths: ["%s"]}
                models:
                  bigram: {type: ngram, order: 2, train_on: corpus}
                evaluate:
                  on: [bigram]
                  with:
                    rte: {type: glue, task: rte, path: "%s"}
                """.formatted(corpus, CliRun.projectDir().resolve("experiments/data/glue-cue")));
        CliRun plan = CliRun.of(
                "plan", ngram.toString(), "--store", dir.resolve("store").toString());
        assertNotEquals(0, plan.exitCode(), plan.transcript());
        assertTrue(
                plan.err().contains("rte")
                        && plan.err().contains("bigram")
                        && plan.err().contains("ngram")
                        && plan.err().contains("classifier"),
                plan.transcript());
        assertTrue(!plan.err().contains("Exception"), "no stack trace: " + plan.transcript());

        Path boolq = dir.resolve("boolq.yaml");
        Files.writeString(boolq, """
                experiment: glue-boolq
                datasets:
                  corpus: {type: text, paths: ["%s"]}
                tokenizers:
                  bpe: {type: bpe, vocab_size: 300, train_on: corpus}
                models:
                  tiny: {type: llama, preset: llama-tiny, tokenizer: bpe}
                evaluate:
                  on: [tiny]
                  with:
                    boolq: {type: glue, task: boolq, path: glue}
                """.formatted(corpus));
        CliRun missing = CliRun.of(
                "plan", boolq.toString(), "--store", dir.resolve("store").toString());
        assertNotEquals(0, missing.exitCode(), missing.transcript());
        assertTrue(missing.err().contains("boolq.train.jsonl"), missing.transcript());
    }

    private static JsonNode results(Path file) throws IOException {
        JsonNode all = new ObjectMapper().readTree(file.toFile());
        return all.get(0).path("results").path("cue");
    }

    private static boolean hasEpochCheckpoint(Path store) throws IOException {
        Path checkpoints = store.resolve("checkpoints");
        if (!Files.isDirectory(checkpoints)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(checkpoints)) {
            return walk.anyMatch(p -> p.getFileName().toString().equals("history.json")
                    && p.getParent().getFileName().toString().startsWith("epoch-"));
        }
    }

    private static String logs(Path store) throws IOException {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> logs = Files.walk(store.resolve("logs"))) {
            for (Path p : logs.filter(Files::isRegularFile).toList()) {
                b.append(Files.readString(p));
            }
        }
        return b.toString();
    }
}
