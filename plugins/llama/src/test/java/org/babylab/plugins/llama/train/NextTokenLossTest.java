package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;

class NextTokenLossTest {
    private static final BpeTokenizer TOKENIZER = TestCorpus.tokenizer(320);

    /** Loss and every parameter's gradient, from the chunked loss (true) or autograd over the full log-softmax (false). */
    private static Map<String, float[]> lossAndGradients(
            LlamaModel m, long[] in, long[] tg, int b, int t, boolean chunked) {
        return lossAndGradients(m, in, tg, b, t, chunked, NextTokenLoss.CHUNK_FLOATS);
    }

    private static Map<String, float[]> lossAndGradients(
            LlamaModel m, long[] in, long[] tg, int b, int t, boolean chunked, long chunkFloats) {
        Map<String, float[]> out = new LinkedHashMap<>();
        m.parameters().values().forEach(p -> p.setRequiresGradient(true));
        double scale = 1.0 / (b * t);
        try (Autograd.Scope noGrad = Autograd.noGrad();
                NDManager sm = m.manager().newSubManager()) {
            NDArray x = sm.create(in, new Shape(b, t));
            NDArray y = sm.create(tg, new Shape(b, t));
            double loss;
            try (GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
                if (chunked) {
                    loss = NextTokenLoss.backward(m, sm, x, y, scale, chunkFloats) * scale;
                } else {
                    NDArray l = m.logits(sm, x)
                            .logSoftmax(-1)
                            .gather(y.expandDims(2), 2)
                            .sum()
                            .neg()
                            .mul(sm.create((float) scale));
                    gc.backward(l);
                    loss = l.getFloat();
                }
            }
            out.put("loss", new float[] {(float) loss});
            m.parameters().forEach((k, p) -> out.put(k, p.getGradient().toFloatArray()));
            GradientStep.zeroGradients(m);
        }
        return out;
    }

    private static void assertSame(Map<String, float[]> expected, Map<String, float[]> actual) {
        for (String k : expected.keySet()) {
            float[] e = expected.get(k);
            float[] a = actual.get(k);
            double max = 0;
            for (float v : e) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max > 0, k + " has a gradient");
            for (int i = 0; i < e.length; i++) {
                assertEquals(e[i], a[i], 1e-5 * max + 1e-9, k + "[" + i + "]");
            }
        }
    }

    private static long[] randomIds(SplittableRandom r, int n, int vocab) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = r.nextInt(vocab);
        }
        return ids;
    }

    @Test
    void chunked_loss_and_gradients_equal_autograd_over_the_full_log_softmax() {
        LlamaArchitecture arch = new LlamaArchitecture(TOKENIZER.vocabSize(), 32, 2, 4, 2, 64, 64, 10_000, 1e-6, 0.02);
        try (LlamaModel m = LlamaModel.initialise(arch, TOKENIZER, 7, Device.cpu())) {
            SplittableRandom r = new SplittableRandom(1);
            long[] in = randomIds(r, 3 * 16, arch.vocabSize());
            long[] tg = randomIds(r, 3 * 16, arch.vocabSize());
            assertSame(lossAndGradients(m, in, tg, 3, 16, false), lossAndGradients(m, in, tg, 3, 16, true));
        }
    }

    @Test
    void several_chunks_give_the_same_loss_and_gradients_as_autograd() {
        LlamaArchitecture arch = new LlamaArchitecture(TOKENIZER.vocabSize(), 32, 2, 4, 2, 64, 64, 10_000, 1e-6, 0.02);
        try (LlamaModel m = LlamaModel.initialise(arch, TOKENIZER, 3, Device.cpu())) {
            SplittableRandom r = new SplittableRandom(2);
            long[] in = randomIds(r, 3 * 16, arch.vocabSize());
            long[] tg = randomIds(r, 3 * 16, arch.vocabSize());
            // 20 rows per chunk: 48 rows make chunks of 20, 20 and 8.
            Map<String, float[]> chunked = lossAndGradients(m, in, tg, 3, 16, true, 20L * arch.vocabSize());
            assertSame(lossAndGradients(m, in, tg, 3, 16, false), chunked);
        }
    }
}
