package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged crash checkpoints are discarded with a message; training resumes from the last good one or the start. */
class CheckpointDamageTest {
    private static final BpeTokenizer TOKENIZER = TestCorpus.tokenizer(320);
    private static final LlamaArchitecture ARCH =
            new LlamaArchitecture(TOKENIZER.vocabSize(), 32, 2, 4, 2, 64, 64, 10_000, 1e-6, 0.02);
    private static final PackedCorpus CORPUS =
            PackedCorpus.pack(TestCorpus.documents(200, 5).stream(), TOKENIZER, 32, ProgressReporter.none());
    private static final CausalLmConfig CONFIG = new CausalLmConfig(
            "m",
            "d",
            null,
            0.1,
            1,
            12,
            32,
            2,
            null,
            new OptimizerConfig(3e-3, 4, "linear", 2, 0.01, null, null, 1.0, 1, null));

    private static CausalLmTrainer.Result train(Path ckpt, long crashAt, List<String> log) throws Exception {
        CausalLmTrainer.Windows[] split = CausalLmTrainer.Windows.split(CORPUS, CONFIG.evalFraction(), 9);
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 2, Device.cpu())) {
            return new CausalLmTrainer(
                            CONFIG,
                            m,
                            split[0],
                            split[1],
                            9,
                            ckpt,
                            ProgressReporter.none(),
                            log::add,
                            () -> false,
                            (s, l) -> {
                                if (s == crashAt) {
                                    throw new IllegalStateException("simulated crash at step " + s);
                                }
                            })
                    .run();
        }
    }

    private static Map<String, float[]> weightsAfterFullRun(Path dir) throws Exception {
        CausalLmTrainer.Windows[] split = CausalLmTrainer.Windows.split(CORPUS, CONFIG.evalFraction(), 9);
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 2, Device.cpu())) {
            new CausalLmTrainer(
                            CONFIG,
                            m,
                            split[0],
                            split[1],
                            9,
                            dir,
                            ProgressReporter.none(),
                            s -> {},
                            () -> false,
                            (s, l) -> {})
                    .run();
            Map<String, float[]> w = new java.util.LinkedHashMap<>();
            m.parameters().keySet().forEach(k -> w.put(k, m.parameterValues(k)));
            return w;
        }
    }

    private static void flipByte(Path file, long fromEnd) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long at = f.length() - fromEnd;
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x40);
        }
    }

    @Test
    void an_intact_checkpoint_passes_its_checksum_and_a_flipped_byte_fails_it(@TempDir Path dir) throws Exception {
        assertThrows(IllegalStateException.class, () -> train(dir, 5, new ArrayList<>()));
        Path file = dir.resolve(TrainingCheckpoint.FILE_NAME);
        assertNull(TrainingCheckpoint.damage(file));
        flipByte(file, 100);
        assertTrue(TrainingCheckpoint.damage(file).contains("sha256"), TrainingCheckpoint.damage(file));
    }

    @Test
    void a_flipped_latest_checkpoint_is_discarded_and_training_resumes_from_the_previous_one(@TempDir Path dir)
            throws Exception {
        assertThrows(
                IllegalStateException.class, () -> train(dir, 5, new ArrayList<>())); // checkpoints at steps 2 and 4
        assertTrue(
                Files.isRegularFile(dir.resolve(TrainingCheckpoint.PREVIOUS_FILE_NAME)),
                "the step-2 checkpoint is kept");
        flipByte(dir.resolve(TrainingCheckpoint.FILE_NAME), 4);

        List<String> log = new ArrayList<>();
        CausalLmTrainer.Result r = train(dir, -1, log);
        assertEquals(2, r.resumedFrom(), "resumed from the last good checkpoint: " + log);
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.contains("is damaged") && l.contains("resuming from the previous checkpoint")),
                log.toString());
        assertTrue(
                Files.isRegularFile(dir.resolve(TrainingCheckpoint.FILE_NAME + ".damaged")),
                "the damaged file is kept aside");

        Map<String, float[]> expected = weightsAfterFullRun(Files.createDirectories(dir.resolve("clean")));
        Path again = Files.createDirectories(dir.resolve("again"));
        assertThrows(IllegalStateException.class, () -> train(again, 5, new ArrayList<>()));
        flipByte(again.resolve(TrainingCheckpoint.FILE_NAME), 4);
        CausalLmTrainer.Windows[] split = CausalLmTrainer.Windows.split(CORPUS, CONFIG.evalFraction(), 9);
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 2, Device.cpu())) {
            new CausalLmTrainer(
                            CONFIG,
                            m,
                            split[0],
                            split[1],
                            9,
                            again,
                            ProgressReporter.none(),
                            s -> {},
                            () -> false,
                            (s, l) -> {})
                    .run();
            for (String k : expected.keySet()) {
                assertTrue(
                        java.util.Arrays.equals(expected.get(k), m.parameterValues(k)),
                        "tensor " + k + " differs from an uninterrupted run");
            }
        }
    }

    @Test
    void a_truncated_checkpoint_with_no_good_one_before_it_restarts_training_from_the_beginning(@TempDir Path dir)
            throws Exception {
        assertThrows(IllegalStateException.class, () -> train(dir, 3, new ArrayList<>())); // one checkpoint, at step 2
        Path file = dir.resolve(TrainingCheckpoint.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        List<String> log = new ArrayList<>();
        CausalLmTrainer.Result r = train(dir, -1, log);
        assertEquals(0, r.resumedFrom());
        assertEquals(12, r.steps());
        assertTrue(
                log.stream().anyMatch(l -> l.contains("is damaged") && l.contains("starts from the beginning")),
                log.toString());
    }
}
