package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.KillAndResume;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training JVM with SIGKILL after its first checkpoint, starts a new JVM on the same
 * checkpoint directory, and compares the final weights with an uninterrupted run: they must be
 * bit-identical (same thread count, CPU).
 */
class ResumeAfterKillTest {
    static final int STEPS = 40;

    /** The training run both JVMs and the reference execute: tiny model, fixed data, one thread. */
    static LlamaModel train(
            Path checkpointDir, CausalLmTrainer.StepListener listener, java.util.function.Consumer<String> log)
            throws Exception {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
        BpeTokenizer tok = TestCorpus.tokenizer(320);
        LlamaArchitecture arch = new LlamaArchitecture(tok.vocabSize(), 64, 2, 4, 4, 128, 64, 10_000, 1e-6, 0.02);
        LlamaModel model = LlamaModel.initialise(arch, tok, 3, Device.cpu());
        PackedCorpus corpus =
                PackedCorpus.pack(TestCorpus.documents(300, 5).stream(), tok, 48, ProgressReporter.none());
        OptimizerConfig opt = new OptimizerConfig(2e-3, 4, "cosine", 5, 0.01, null, null, 1.0, 1, null);
        CausalLmConfig c = new CausalLmConfig("m", "d", null, null, 1, STEPS, 48, 5, null, opt);
        new CausalLmTrainer(
                        c,
                        model,
                        CausalLmTrainer.Windows.all(corpus),
                        null,
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
    void a_run_killed_with_sigkill_resumes_in_a_new_jvm_to_bit_identical_weights(@TempDir Path dir) throws Exception {
        String log = KillAndResume.killAfterCheckpointThenResume(ResumeAfterKillTest.class, dir, 150, 400);
        assertTrue(
                log.matches("(?s).*resumed from step ([5-9]|[1-3][05]) of 40.*"),
                "the second JVM resumed from a checkpoint: " + log);

        try (LlamaModel reference = train(Files.createDirectories(dir.resolve("ref")), (s, l) -> {}, s -> {});
                LlamaModel resumed = LlamaModel.load(dir.resolve("resumed"), Device.cpu())) {
            KillAndResume.assertBitIdentical(reference, resumed);
        }
    }
}
