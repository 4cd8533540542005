package org.babylab.plugins.llama.preference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.KillAndResume;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.train.TrainingLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DPO training: the first step's loss is log 2, training separates the pairs, bad data is refused, and kill -9 resumes exactly. */
class DpoTrainerTest {
    /** The run both JVMs and the reference execute: a tiny model, 24 pairs, 4 epochs of 3 steps of 2 x 4 pairs. */
    static LlamaModel train(
            Path checkpointDir,
            TrainingLoop.StepListener listener,
            java.util.function.Consumer<String> log,
            StepMetrics[] metrics)
            throws Exception {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
        BpeTokenizer tok = TestCorpus.tokenizer(300);
        List<PreferencePair> pairs = PreferenceFixtures.pairs(24, 4, tok);
        LlamaModel model = PreferenceFixtures.model(tok, 5);
        DpoLoss loss = new DpoLoss(DpoLoss.Kind.SIGMOID, 0.1, 0);
        double[][] ref = ReferenceLogProbs.loadOrCompute(
                checkpointDir, PreferenceExamples.fingerprint(pairs), pairs, model, false, 8, log);
        PreferenceOptimizerConfig opt =
                new PreferenceOptimizerConfig(5e-3, 4, "constant", 0, null, null, null, null, 2);
        DpoTrainer trainer = new DpoTrainer(
                model,
                loss,
                opt.toOptimizerConfig(),
                pairs,
                ref,
                4,
                3,
                17,
                PreferenceExamples.fingerprint(pairs),
                checkpointDir,
                ProgressReporter.none(),
                log,
                () -> false,
                listener);
        trainer.run();
        if (metrics != null) {
            metrics[0] = trainer.metrics();
        }
        return model;
    }

    /** Child JVM: trains (slowly, so the parent can kill it mid-run) and saves the result to args[1]. */
    public static void main(String[] args) throws Exception {
        try (LlamaModel m =
                train(Path.of(args[0]), (s, l) -> Thread.sleep(Long.parseLong(args[2])), System.out::println, null)) {
            m.save(Files.createDirectories(Path.of(args[1])));
        }
    }

    @Test
    void the_first_step_has_loss_log_2_and_training_raises_margin_and_reward_accuracy(@TempDir Path dir)
            throws Exception {
        StepMetrics[] metrics = new StepMetrics[1];
        try (LlamaModel m = train(dir, (s, l) -> {}, s -> {}, metrics)) {
            List<Double> loss = metrics[0].series("loss");
            List<Double> margins = metrics[0].series("rewards/margins");
            List<Double> acc = metrics[0].series("rewards/accuracies");
            assertEquals(12, loss.size());
            assertEquals(Math.log(2), loss.get(0), 1e-4, "policy == reference at step 1: every pair's loss is log 2");
            assertEquals(0.0, margins.get(0), 1e-4);
            double lateLoss = (loss.get(9) + loss.get(10) + loss.get(11)) / 3;
            assertTrue(lateLoss < 0.6, "loss fell from log 2: " + loss);
            assertTrue(margins.get(11) > 0.1, "chosen rewards pulled above rejected: " + margins);
            assertTrue(acc.get(11) >= 0.75, "reward accuracy " + acc);
            assertTrue(
                    metrics[0].lines().get(0).contains("\"rewards/chosen\""),
                    metrics[0].lines().get(0));
        }
    }

    @Test
    void a_dpo_run_killed_with_sigkill_resumes_in_a_new_jvm_to_bit_identical_weights(@TempDir Path dir)
            throws Exception {
        String log = KillAndResume.killAfterCheckpointThenResume(DpoTrainerTest.class, dir, 300, 200);
        assertTrue(
                log.matches("(?s).*dpo: resumed from step [1-9][0-9]* of.*"),
                "the second JVM resumed from a checkpoint: " + log);
        assertTrue(log.contains("read from the checkpoint directory"), "the reference did not run again: " + log);
        try (LlamaModel reference = train(Files.createDirectories(dir.resolve("ref")), (s, l) -> {}, s -> {}, null);
                LlamaModel resumed = LlamaModel.load(dir.resolve("resumed"), ai.djl.Device.cpu())) {
            KillAndResume.assertBitIdentical(reference, resumed);
        }
    }

    @Test
    void a_preference_file_missing_rejected_is_refused_naming_the_dataset_the_record_and_the_shape() {
        List<Map<String, Object>> rows =
                List.of(Map.of("prompt", "hi", "chosen", "a", "rejected", "b"), Map.of("prompt", "hi", "chosen", "a"));
        org.babylab.api.data.Dataset ds = new org.babylab.api.data.Dataset() {
            @Override
            public List<Path> files() {
                return List.of();
            }

            @Override
            public String fingerprint() {
                return "test";
            }

            @Override
            public java.util.stream.Stream<String> texts() {
                return rows.stream().map(Object::toString);
            }

            @Override
            public java.util.stream.Stream<Map<String, Object>> records() {
                return rows.stream();
            }
        };
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PreferenceExamples.read("pairs", ds));
        assertTrue(e.getMessage().contains("dataset 'pairs' record 2 has no 'rejected' field"), e.getMessage());
        assertTrue(e.getMessage().contains("{prompt, chosen, rejected}"), e.getMessage());
    }
}
