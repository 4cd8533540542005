package org.babylab.plugins.llama.instruct;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.babylab.api.chat.TokenizedExample;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.KillAndResume;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.train.TrainingLoop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an instruction-tuning JVM with SIGKILL between checkpoints, resumes in a new JVM on the
 * same checkpoint directory and compares the final weights with an uninterrupted run: they must be
 * bit-identical (same thread count, CPU).
 */
class InstructionResumeAfterKillTest {
    /** The run both JVMs and the reference execute: tiny model, 3 epochs over 24 examples, batches of 2 rows of 64 tokens. */
    static LlamaModel train(
            Path checkpointDir, TrainingLoop.StepListener listener, java.util.function.Consumer<String> log)
            throws Exception {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
        BpeTokenizer tok = TestCorpus.tokenizer(320);
        List<Map<String, Object>> recs = ChatFixtures.records(24, 5);
        List<List<TokenizedExample>> epochs = new ArrayList<>();
        var order = ChatFixtures.phase("chat", recs.size(), 3, 2).order();
        int[] ends = order.epochEnds();
        for (int e = 0, p = 0; e < ends.length; e++) {
            List<TokenizedExample> epoch = new ArrayList<>();
            for (; p < ends[e]; p++) {
                epoch.add(ChatFixtures.encode(recs.get(order.index(p)), tok));
            }
            epochs.add(epoch);
        }
        PhaseBatches batches = PhaseBatches.plan(epochs, 64, 0, 2, 1);
        LlamaModel model = ChatFixtures.model(tok, 3);
        InstructionOptimizerConfig opt = new InstructionOptimizerConfig(2e-3, 2, null, 3, 0.01, null, null, 1.0, null);
        new InstructionTrainer(
                        model,
                        opt.toOptimizerConfig(),
                        batches,
                        4,
                        "instruction-tune",
                        7,
                        checkpointDir,
                        ProgressReporter.none(),
                        log,
                        () -> false,
                        listener)
                .run();
        return model;
    }

    /** Child JVM: trains (slowly, so the parent can kill it mid-run) and saves the result to args[1]. */
    public static void main(String[] args) throws Exception {
        try (LlamaModel m =
                train(Path.of(args[0]), (s, l) -> Thread.sleep(Long.parseLong(args[2])), System.out::println)) {
            m.save(Files.createDirectories(Path.of(args[1])));
        }
    }

    @Test
    void a_phase_killed_with_sigkill_resumes_in_a_new_jvm_to_bit_identical_weights(@TempDir Path dir) throws Exception {
        String log = KillAndResume.killAfterCheckpointThenResume(InstructionResumeAfterKillTest.class, dir, 150, 300);
        assertTrue(
                log.matches("(?s).*instruction-tune: resumed from step [1-9][0-9]* of.*"),
                "the second JVM resumed from a checkpoint: " + log);

        try (LlamaModel reference = train(Files.createDirectories(dir.resolve("ref")), (s, l) -> {}, s -> {});
                LlamaModel resumed = LlamaModel.load(dir.resolve("resumed"), Device.cpu())) {
            KillAndResume.assertBitIdentical(reference, resumed);
        }
    }
}
