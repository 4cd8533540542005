package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.babylab.api.data.Words;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * causal-lm's per-step metrics ({@code train-metrics.jsonl}) and kept checkpoints on a real tiny
 * run: one row per step whose last loss is the loss the run logs at the end, words seen counted
 * like BabyLM, and checkpoints handed over at the step that reaches them.
 */
class TrainingMetricsFileTest {
    @Test
    void one_row_per_step_ending_with_the_logged_final_loss_and_words_of_whole_epochs(@TempDir Path dir)
            throws Exception {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
        BpeTokenizer tok = TestCorpus.tokenizer(320);
        LlamaArchitecture arch = new LlamaArchitecture(tok.vocabSize(), 32, 1, 4, 4, 64, 64, 10_000, 1e-6, 0.02);
        List<String> docs = TestCorpus.documents(120, 5);
        long corpusWords = docs.stream().mapToLong(Words::count).sum();
        try (LlamaModel model = LlamaModel.initialise(arch, tok, 3, Device.cpu())) {
            PackedCorpus corpus = PackedCorpus.pack(docs.stream(), tok, 32, ProgressReporter.none());
            assertEquals(corpusWords, corpus.wordCount());
            long credited = 0;
            for (int w = 0; w < corpus.windows(); w++) {
                credited += corpus.windowWords(w);
            }
            assertEquals(
                    corpusWords,
                    credited,
                    "every word is credited to exactly one window, the dropped tail's to the last");

            OptimizerConfig opt = new OptimizerConfig(2e-3, 4, "constant", 2, null, null, null, 1.0, 1, null);
            CausalLmConfig c = new CausalLmConfig("m", "d", null, null, 2, null, 32, 1000, 3, opt);
            CausalLmTrainer.Windows[] split = CausalLmTrainer.Windows.split(corpus, 0.0, 7);
            CausalLmTrainer.Windows held = CausalLmTrainer.Windows.all(
                    PackedCorpus.pack(TestCorpus.documents(10, 9).stream(), tok, 32, ProgressReporter.none()));
            List<String> log = new ArrayList<>();
            List<String> kept = new ArrayList<>();
            long half = corpusWords / 2;
            KeepSchedule schedule = KeepSchedule.of(
                    new KeepConfig(List.of(Long.toString(half)), null, List.of(3L), List.of("all")), 2, corpusWords);
            CausalLmTrainer trainer = new CausalLmTrainer(
                            c,
                            model,
                            split[0],
                            held,
                            7,
                            dir,
                            ProgressReporter.none(),
                            log::add,
                            () -> false,
                            (s, l) -> {})
                    .keeping(
                            schedule,
                            (names, at) -> names.forEach(n -> kept.add(n + "@" + at.step() + ":" + at.words())));
            CausalLmTrainer.Result r = trainer.run();
            Path published = dir.resolve("out.jsonl");
            trainer.metrics().publish(published);

            List<String> rows = Files.readAllLines(published);
            assertEquals(r.steps(), rows.size(), "one row per optimiser step");
            List<Double> loss = trainer.metrics().series("loss");
            assertEquals(
                    r.lastLoss(),
                    loss.get(loss.size() - 1),
                    Math.abs(r.lastLoss()) * 1e-5,
                    "the last row's loss is the run's final loss");
            // What causal-lm logs at the end ("finished N steps, last loss %.4f") is the last row's loss.
            assertEquals(String.format("%.4f", r.lastLoss()), String.format("%.4f", loss.get(loss.size() - 1)));
            List<Double> words = trainer.metrics().series("words");
            assertEquals(
                    2.0 * corpusWords, words.get(words.size() - 1), 0.5, "two epochs see the corpus's words twice");
            for (int i = 1; i < words.size(); i++) {
                assertTrue(words.get(i) > words.get(i - 1), "words seen grow every step");
            }
            assertTrue(
                    trainer.metrics().series("grad_norm").stream().allMatch(g -> g > 0),
                    "the gradient norm of every step");
            assertEquals(
                    r.evalLoss(),
                    lastFinite(trainer.metrics().series("eval_loss")),
                    Math.abs(r.evalLoss()) * 1e-5,
                    "the last step carries the final held-out loss");
            assertTrue(
                    rows.get(2).contains("\"eval_loss\""), "eval_every 3: step 3 has a held-out loss: " + rows.get(2));
            assertTrue(!rows.get(0).contains("\"eval_loss\""), "step 1 has none: " + rows.get(0));

            long perEpoch = r.steps() / 2;
            assertEquals(4, kept.size(), kept.toString());
            assertTrue(kept.contains("step-3@3:" + Math.round(words.get(2))), kept.toString());
            assertTrue(
                    kept.contains("epoch-1@" + perEpoch + ":" + corpusWords),
                    "epoch 1 ends at exactly the corpus's words: " + kept);
            assertTrue(kept.contains("epoch-2@" + r.steps() + ":" + 2 * corpusWords), kept.toString());
            String byWords = kept.stream()
                    .filter(k -> k.startsWith(KeepSchedule.format(half) + "@"))
                    .findFirst()
                    .orElseThrow();
            long step = Long.parseLong(byWords.substring(byWords.indexOf('@') + 1, byWords.indexOf(':')));
            assertTrue(
                    words.get((int) step - 1) >= half && words.get((int) step - 2) < half,
                    "kept after the first step reaching " + half + ": " + byWords);
        }
    }

    private static double lastFinite(List<Double> values) {
        for (int i = values.size() - 1; i >= 0; i--) {
            if (!values.get(i).isNaN()) {
                return values.get(i);
            }
        }
        return Double.NaN;
    }
}
