package org.babylab.bundled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The llamalogue studies through the CLI: errors before anything trains, the shared plan, and the mini study end to end. */
class LlamalogueExperimentTest {

    /** A file with the shared declarations and {@code extra} appended, next to a tiny corpus and a pairs file lacking one 'rejected'. */
    private static Path experiment(Path dir, String extra) throws Exception {
        Files.writeString(dir.resolve("c.txt"), "*MOT: hi . *CHI: hi .\n");
        Files.writeString(dir.resolve("pairs.jsonl"), """
                {"prompt": "*MOT: what is that ?", "chosen": "*CHI: a dog .", "rejected": "*CHI: no ."}
                {"prompt": "*MOT: who is that ?", "chosen": "*CHI: daddy ."}
                """);
        return Files.writeString(dir.resolve("bad.yaml"), """
                experiment: bad
                datasets:
                  corpus: {type: text, paths: [c.txt]}
                  pairs: {type: instructions, path: pairs.jsonl, format: preference}
                tokenizers:
                  bpe: {type: bpe, vocab_size: 300, train_on: corpus}
                models:
                  tiny: {type: llama, preset: llama-tiny, tokenizer: bpe}
                  tri: {type: ngram, order: 3, train_on: corpus}
                """ + extra);
    }

    private static CliRun refused(Path dir, Path yaml) throws Exception {
        Path store = dir.resolve("store");
        CliRun run = CliRun.of("run", yaml.toString(), "--store", store.toString(), "--no-progress");
        assertEquals(2, run.exitCode(), run.transcript());
        assertTrue(run.err().contains("nothing was run"), run.transcript());
        assertFalse(
                Files.exists(store.resolve("entries"))
                        && Files.list(store.resolve("entries")).findAny().isPresent(),
                "no step may run when the file has errors");
        return run;
    }

    @Test
    void a_reward_type_that_does_not_exist_is_reported_before_anything_runs(@TempDir Path dir) throws Exception {
        CliRun run = refused(dir, experiment(dir, """
                rewards:
                  bleu: {type: bleuu}
                """));
        assertTrue(run.err().contains("bad.yaml:11:") && run.err().contains("did you mean 'bleu'?"), run.transcript());
    }

    @Test
    void a_preference_file_without_rejected_is_reported_before_anything_trains(@TempDir Path dir) throws Exception {
        CliRun run = refused(dir, experiment(dir, """
                stages:
                  dpo: {type: dpo, from: tiny, data: pairs}
                """));
        assertTrue(
                run.err().contains("bad.yaml:11:")
                        && run.err().contains("pairs.jsonl:2")
                        && run.err().contains("'rejected'"),
                run.transcript());
    }

    @Test
    void ppo_on_a_model_that_cannot_generate_is_reported_before_anything_trains(@TempDir Path dir) throws Exception {
        CliRun run = refused(dir, experiment(dir, """
                rewards:
                  len: {type: length, min_words: 2, max_words: 6}
                stages:
                  ppo: {type: ppo, from: tri, data: pairs, reward: len, prompt_field: prompt}
                """));
        assertTrue(
                run.err().contains("bad.yaml:13:") && run.err().contains("type ngram, which cannot generate text"),
                run.transcript());
    }

    @Test
    void the_llamalogue_plan_trains_the_pretrained_model_once_for_both_branches(@TempDir Path dir) throws Exception {
        Path yaml = CliRun.projectDir().resolve("experiments/llamalogue.yaml");
        Path shared = yaml.getParent().resolve("../../shared/data").normalize();
        Assumptions.assumeTrue(
                Files.isDirectory(shared.resolve("dialogue_dpo"))
                        && Files.isDirectory(shared.resolve("babylm2025_full_eval")),
                "skipped: " + shared + " (the dialogue DPO set and the BabyLM 2025 evaluation data) is not there");
        // The CHILDES corpus is the user's own; the generated dialogue corpus stands in for it. Only the plan's shape
        // is checked.
        CliRun run = CliRun.of(
                "plan",
                yaml.toString(),
                "--store",
                dir.resolve("store").toString(),
                "--set",
                "vars.childes=data/llamalogue-mini/corpus/train.txt");
        assertEquals(0, run.exitCode(), run.transcript());
        List<String> lines = run.out().lines().toList();
        assertEquals(1, lines.stream().filter(l -> l.contains("stage:pretrain")).count(), run.out());
        String pretrainKey = lines.stream()
                .filter(l -> l.contains("stage:pretrain"))
                .findFirst()
                .orElseThrow()
                .trim()
                .replaceAll(".* ", "");
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("after " + pretrainKey) && l.contains("stage:dpo")), run.out());
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("after " + pretrainKey) && l.contains("stage:ppo")), run.out());
    }

    @Test
    void dpo_with_another_reference_and_ppo_with_teacher_self_and_length_rewards_run_end_to_end(@TempDir Path dir)
            throws Exception {
        Path data = CliRun.projectDir().resolve("experiments/data/llamalogue-mini");
        Files.write(
                dir.resolve("c.txt"),
                Files.readAllLines(data.resolve("corpus/train.txt")).subList(0, 200));
        ObjectMapper json = new ObjectMapper();
        JsonNode pairs = json.readTree(data.resolve("dpo/train.json").toFile());
        List<JsonNode> first = new ArrayList<>();
        pairs.elements().forEachRemaining(n -> {
            if (first.size() < 16) {
                first.add(n);
            }
        });
        json.writeValue(dir.resolve("pairs.json").toFile(), first);
        Path yaml = Files.writeString(dir.resolve("e2e.yaml"), """
                experiment: e2e
                seed: 1
                datasets:
                  corpus: {type: text, paths: [c.txt]}
                  pairs: {type: instructions, path: pairs.json, format: preference}
                tokenizers:
                  bpe: {type: bpe, vocab_size: 300, train_on: corpus}
                models:
                  tiny: {type: llama, preset: llama-tiny, tokenizer: bpe}
                  other: {type: llama, preset: llama-tiny, tokenizer: bpe, init_std: 0.05}
                rewards:
                  teacher: {type: lm-likelihood, model: other}
                  self: {type: lm-likelihood}
                  len: {type: length, min_words: 2, max_words: 5}
                  mix: {type: weighted-sum, rewards: [teacher, self, len], weights: [1.0, 0.5, 1.0]}
                stages:
                  pretrain: {type: causal-lm, from: tiny, data: corpus, epochs: 1, seq_len: 32, optimizer: {batch_size: 8, warmup_steps: 2}}
                  dpo: {type: dpo, from: pretrain, reference: other, data: pairs, epochs: 1, optimizer: {batch_size: 4}}
                  ppo: {type: ppo, from: pretrain, data: pairs, reward: mix, batch_size: 4, mini_batch_size: 2, max_new_tokens: 6}
                evaluate:
                  on: [dpo, ppo]
                  with:
                    says: {type: generate, data: pairs, reward: mix, limit: 4, max_new_tokens: 6}
                """);
        CliRun run = CliRun.of(
                "run", yaml.toString(), "--store", dir.resolve("store").toString(), "--no-progress");
        assertEquals(0, run.exitCode(), run.transcript());
        Matcher summary = SUMMARY.matcher(run.out());
        assertTrue(
                summary.find()
                        && summary.group(1).equals("8")
                        && summary.group(3).equals("0"),
                run.transcript());
        JsonNode rows = json.readTree(dir.resolve("results/e2e/results.json").toFile());
        assertEquals(2, rows.size(), rows.toString());
        for (JsonNode row : rows) {
            double reward = row.at("/results/says/metrics/mean_reward").asDouble(Double.NaN);
            // Two mean log-probs (negative) plus a length reward in [0, 1].
            assertTrue(Double.isFinite(reward) && reward < 1, row.toString());
        }
        try (Stream<Path> files = Files.walk(dir.resolve("store/entries"))) {
            assertEquals(
                    3,
                    files.filter(p -> p.endsWith("train-metrics.jsonl")).count(),
                    "causal-lm, dpo and ppo publish their per-step metrics");
        }
    }

    private static final Pattern SUMMARY = Pattern.compile("(\\d+) ran, (\\d+) reused, (\\d+) failed, (\\d+) skipped");

    @Test
    @Tag("slow")
    void llamalogue_mini_dpo_raises_dialogue_pair_accuracy_and_ppo_raises_the_reward(@TempDir Path dir)
            throws Exception {
        Path yaml = CliRun.projectDir().resolve("experiments/llamalogue-mini.yaml");
        CliRun run = CliRun.of(
                "run", yaml.toString(), "--store", dir.resolve("store").toString(), "--no-progress");
        assertEquals(0, run.exitCode(), run.transcript());
        Matcher summary = SUMMARY.matcher(run.out());
        assertTrue(
                summary.find()
                        && summary.group(3).equals("0")
                        && summary.group(4).equals("0"),
                run.transcript());

        JsonNode rows = new ObjectMapper()
                .readTree(dir.resolve("results/llamalogue-mini/results.json").toFile());
        double pretrain = Double.NaN;
        double dpo = Double.NaN;
        for (JsonNode row : rows) {
            double acc = row.at("/results/dialogue-pairs/metrics/accuracy").asDouble(Double.NaN);
            if (row.get("model").asText().equals("pretrain")) {
                pretrain = acc;
            } else if (row.get("model").asText().equals("dpo")) {
                dpo = acc;
            }
        }
        assertTrue(
                dpo > pretrain, "DPO raises held-out dialogue-pair accuracy: " + pretrain + " -> " + dpo + "\n" + rows);

        List<Double> rewards = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("store/entries"))) {
            for (Path f : files.filter(p -> p.endsWith("train-metrics.jsonl")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode n = new ObjectMapper().readTree(line);
                    if (n.has("env/reward_mean")) {
                        rewards.add(n.get("env/reward_mean").asDouble());
                    }
                }
            }
        }
        assertTrue(rewards.size() >= 20, "the ppo stage logged its batches: " + rewards);
        double first = rewards.subList(0, 10).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
        double last = rewards.subList(rewards.size() - 10, rewards.size()).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
        assertTrue(
                last > first,
                "PPO raises the mean reward: first 10 batches " + first + ", last 10 " + last + ": " + rewards);
    }
}
