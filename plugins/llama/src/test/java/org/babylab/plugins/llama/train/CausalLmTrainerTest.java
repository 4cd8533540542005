package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CausalLmTrainerTest {
    private static final BpeTokenizer TOKENIZER = TestCorpus.tokenizer(320);
    private static final LlamaArchitecture ARCH =
            new LlamaArchitecture(TOKENIZER.vocabSize(), 32, 2, 4, 2, 64, 64, 10_000, 1e-6, 0.02);
    private static final PackedCorpus CORPUS =
            PackedCorpus.pack(TestCorpus.documents(200, 5).stream(), TOKENIZER, 32, ProgressReporter.none());

    private static CausalLmConfig config(int maxSteps, int checkpointEvery, String schedule, int accum) {
        OptimizerConfig opt = new OptimizerConfig(3e-3, 4, schedule, 2, 0.01, null, null, 1.0, accum, null);
        return new CausalLmConfig("m", "d", null, 0.1, 1, maxSteps, 32, checkpointEvery, null, opt);
    }

    private static CausalLmTrainer trainer(CausalLmConfig c, LlamaModel m, Path ckpt, CausalLmTrainer.StepListener l) {
        CausalLmTrainer.Windows[] split = CausalLmTrainer.Windows.split(CORPUS, c.evalFraction(), 9);
        return new CausalLmTrainer(c, m, split[0], split[1], 9, ckpt, ProgressReporter.none(), s -> {}, () -> false, l);
    }

    private static Map<String, float[]> weights(LlamaModel m) {
        Map<String, float[]> w = new java.util.LinkedHashMap<>();
        m.parameters().keySet().forEach(k -> w.put(k, m.parameterValues(k)));
        return w;
    }

    @Test
    void loss_falls_and_stays_finite_on_a_small_corpus(@TempDir Path dir) throws Exception {
        List<Double> losses = new ArrayList<>();
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 1, Device.cpu())) {
            CausalLmTrainer t = trainer(config(40, 1000, "cosine", 1), m, dir, (s, l) -> losses.add(l));
            double before = t.heldOutLoss();
            CausalLmTrainer.Result r = t.run();
            assertEquals(40, r.steps());
            assertTrue(losses.stream().allMatch(Double::isFinite), "finite losses " + losses);
            assertTrue(
                    losses.get(39) < losses.get(0) - 1.0,
                    "training loss fell from " + losses.get(0) + " to " + losses.get(39));
            assertTrue(r.evalLoss() < before - 1.0, "held-out loss fell from " + before + " to " + r.evalLoss());
        }
    }

    /**
     * Autograd gradients must match finite differences. This catches the DJL PyTorch pitfall of
     * multiplying by a Java-number scalar inside the graph (whose memory is gone by backward).
     */
    @Test
    void autograd_gradients_match_finite_differences(@TempDir Path dir) {
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 4, Device.cpu())) {
            long[] in = new long[2 * 32];
            long[] tg = new long[2 * 32];
            CORPUS.window(0, in, tg, 0);
            CORPUS.window(1, in, tg, 32);
            String[] names = {
                "model.layers.0.input_layernorm.weight",
                "model.layers.1.self_attn.q_proj.weight",
                "model.layers.0.self_attn.k_proj.weight",
                "model.layers.1.mlp.down_proj.weight",
                "model.norm.weight"
            };
            for (String name : names) {
                NDArray p = m.parameters().get(name);
                p.setRequiresGradient(true);
                float analytic;
                try (NDManager sm = m.manager().newSubManager()) {
                    try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                        NDArray l = loss(m, sm, in, tg);
                        scribbleOverFreedMemory(sm);
                        gc.backward(l);
                    }
                    NDArray g = p.getGradient();
                    g.attach(sm);
                    analytic = g.toFloatArray()[3];
                }
                float[] values = p.toFloatArray();
                float h = 1e-2f;
                float orig = values[3];
                values[3] = orig + h;
                p.set(FloatBuffer.wrap(values));
                double up = lossValue(m, in, tg);
                values[3] = orig - h;
                p.set(FloatBuffer.wrap(values));
                double down = lossValue(m, in, tg);
                values[3] = orig;
                p.set(FloatBuffer.wrap(values));
                p.setRequiresGradient(false);
                double numeric = (up - down) / (2 * h);
                assertEquals(
                        numeric,
                        analytic,
                        0.02 * Math.abs(numeric) + 2e-4,
                        name + "[3]: finite difference " + numeric + " vs autograd " + analytic);
            }
        }
    }

    /**
     * Allocates and frees many small arrays full of a large value: if the graph holds a pointer to
     * a freed scalar, backward now reads this value instead and the gradient is visibly wrong.
     */
    private static void scribbleOverFreedMemory(NDManager sm) {
        System.gc();
        for (int i = 0; i < 300; i++) {
            java.nio.ByteBuffer.allocateDirect(64).asFloatBuffer().put(new float[] {12345f, 12345f});
            try (NDManager tmp = sm.newSubManager()) {
                tmp.full(new Shape(1), 12345f);
                tmp.create(54321f);
            }
        }
    }

    private static NDArray loss(LlamaModel m, NDManager sm, long[] in, long[] tg) {
        NDArray x = sm.create(in, new Shape(2, 32));
        NDArray y = sm.create(tg, new Shape(2, 32, 1));
        return m.logits(sm, x).logSoftmax(-1).gather(y, 2).sum().mul(sm.create(-1f / in.length));
    }

    private static double lossValue(LlamaModel m, long[] in, long[] tg) {
        try (NDManager sm = m.manager().newSubManager()) {
            return loss(m, sm, in, tg).getFloat();
        }
    }

    @Test
    void a_run_crashed_after_a_checkpoint_resumes_to_bit_identical_weights(@TempDir Path dir) throws Exception {
        CausalLmConfig c = config(12, 4, "linear", 2);
        Map<String, float[]> uninterrupted;
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 2, Device.cpu())) {
            trainer(c, m, Files.createDirectories(dir.resolve("a")), (s, l) -> {})
                    .run();
            uninterrupted = weights(m);
        }
        Path ckpt = Files.createDirectories(dir.resolve("b"));
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 2, Device.cpu())) {
            CausalLmTrainer crashing = trainer(c, m, ckpt, (s, l) -> {
                if (s == 6) {
                    throw new IllegalStateException("simulated crash at step 6");
                }
            });
            assertThrows(IllegalStateException.class, crashing::run);
        }
        assertTrue(Files.isRegularFile(ckpt.resolve(TrainingCheckpoint.FILE_NAME)), "checkpoint of step 4 exists");
        assertTrue(Files.notExists(ckpt.resolve(TrainingCheckpoint.TEMP_FILE_NAME)), "no torn temporary file remains");
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 2, Device.cpu())) {
            CausalLmTrainer.Result r = trainer(c, m, ckpt, (s, l) -> {}).run();
            assertEquals(4, r.resumedFrom());
            assertEquals(12, r.steps());
            Map<String, float[]> resumed = weights(m);
            for (String k : uninterrupted.keySet()) {
                assertTrue(
                        java.util.Arrays.equals(uninterrupted.get(k), resumed.get(k)),
                        "tensor " + k + " differs after resume");
            }
        }
    }

    @Test
    void cancelling_writes_a_checkpoint_and_stops(@TempDir Path dir) throws Exception {
        CausalLmConfig c = config(10, 1000, "linear", 1);
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 2, Device.cpu())) {
            int[] calls = {0};
            CausalLmTrainer.Windows[] split = CausalLmTrainer.Windows.split(CORPUS, c.evalFraction(), 9);
            CausalLmTrainer t = new CausalLmTrainer(
                    c,
                    m,
                    split[0],
                    split[1],
                    9,
                    dir,
                    ProgressReporter.none(),
                    s -> {},
                    () -> ++calls[0] > 3,
                    (s, l) -> {});
            var e = assertThrows(CancellationException.class, t::run);
            assertTrue(e.getMessage().contains("step 3"), e.getMessage());
        }
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 2, Device.cpu())) {
            assertEquals(3, trainer(c, m, dir, (s, l) -> {}).run().resumedFrom());
        }
    }

    @Test
    void a_checkpoint_from_other_data_is_refused(@TempDir Path dir) throws Exception {
        CausalLmConfig c = config(5, 2, "linear", 1);
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 2, Device.cpu())) {
            trainer(c, m, dir, (s, l) -> {
                if (s == 3) {
                    throw new IllegalStateException("crash");
                }
            });
            assertThrows(
                    IllegalStateException.class,
                    () -> trainer(c, m, dir, (s, l) -> {
                                if (s == 3) {
                                    throw new IllegalStateException("crash");
                                }
                            })
                            .run());
        }
        PackedCorpus other =
                PackedCorpus.pack(TestCorpus.documents(200, 6).stream(), TOKENIZER, 32, ProgressReporter.none());
        try (LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 2, Device.cpu())) {
            CausalLmTrainer t = new CausalLmTrainer(
                    c,
                    m,
                    CausalLmTrainer.Windows.all(other),
                    null,
                    9,
                    dir,
                    ProgressReporter.none(),
                    s -> {},
                    () -> false,
                    (s, l) -> {});
            var e = assertThrows(java.io.IOException.class, t::run);
            assertTrue(e.getMessage().contains(TrainingCheckpoint.FILE_NAME), e.getMessage());
        }
    }
}
