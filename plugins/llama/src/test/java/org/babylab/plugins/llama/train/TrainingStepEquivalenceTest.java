package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;

/**
 * The causal-lm step (chunked loss head, fused host AdamW) against the computation it replaced
 * (autograd over the full log-softmax, AdamW as tensor operations): the same loss curve and
 * weights to float tolerance over a short run of a tiny model, with clipping active.
 */
class TrainingStepEquivalenceTest {
    private static final BpeTokenizer TOKENIZER = TestCorpus.tokenizer(320);
    private static final LlamaArchitecture ARCH =
            new LlamaArchitecture(TOKENIZER.vocabSize(), 32, 2, 4, 2, 64, 64, 10_000, 1e-6, 0.02);
    private static final PackedCorpus CORPUS =
            PackedCorpus.pack(TestCorpus.documents(200, 5).stream(), TOKENIZER, 32, ProgressReporter.none());
    private static final int STEPS = 25;
    private static final int BATCH = 4;

    private record Run(List<Double> losses, LlamaModel model) {}

    private static Run train(boolean current) {
        LlamaModel m = LlamaModel.initialise(ARCH, TOKENIZER, 11, Device.cpu());
        // Clipping at 0.5 is active on most steps of this run (gradient norms start near 1).
        OptimizerConfig opt = new OptimizerConfig(3e-3, BATCH, "constant", 0, 0.01, null, null, 0.5, 1, null);
        Set<String> noDecay = Set.of("model.norm.weight", "model.layers.0.input_layernorm.weight");
        List<Double> losses = new ArrayList<>();
        try (Autograd.Scope noGrad = Autograd.noGrad();
                AdamW adam = new AdamW(m.manager(), m.parameters(), noDecay, 0.9, 0.95, 1e-8, 0.1)) {
            m.parameters().values().forEach(p -> p.setRequiresGradient(true));
            adam.fusedOnHost(current);
            int seq = CORPUS.seqLen();
            Shape shape = new Shape(BATCH, seq);
            for (int step = 0; step < STEPS; step++) {
                long[] in = new long[BATCH * seq];
                long[] tg = new long[BATCH * seq];
                for (int i = 0; i < BATCH; i++) {
                    CORPUS.window((step * BATCH + i) % CORPUS.windows(), in, tg, i * seq);
                }
                int n = in.length;
                double loss = current
                        ? GradientStep.runNextToken(
                                        m,
                                        adam,
                                        opt,
                                        List.of(sm -> new NDArray[] {sm.create(in, shape), sm.create(tg, shape)}),
                                        n,
                                        3e-3)
                                .loss()
                        : GradientStep.run(
                                m,
                                adam,
                                opt,
                                List.of(sm -> m.logits(sm, sm.create(in, shape))
                                        .logSoftmax(-1)
                                        .gather(sm.create(tg, new Shape(BATCH, seq, 1)), 2)
                                        .sum()
                                        .neg()),
                                n,
                                3e-3);
                losses.add(loss);
            }
            m.parameters().values().forEach(p -> p.setRequiresGradient(false));
        }
        return new Run(losses, m);
    }

    @Test
    void the_current_step_follows_the_loss_curve_and_weights_of_the_unfused_computation() {
        Run previous = train(false);
        Run current = train(true);
        try (LlamaModel a = previous.model();
                LlamaModel b = current.model()) {
            for (int s = 0; s < STEPS; s++) {
                assertEquals(
                        previous.losses().get(s),
                        current.losses().get(s),
                        1e-4 * previous.losses().get(s),
                        "loss at step " + s);
            }
            assertTrue(
                    previous.losses().get(STEPS - 1) < previous.losses().get(0) - 0.5,
                    "the run learns: " + previous.losses());
            for (String name : a.parameters().keySet()) {
                float[] x = a.parameterValues(name);
                float[] y = b.parameterValues(name);
                for (int i = 0; i < x.length; i++) {
                    assertEquals(x[i], y[i], 1e-4 + 1e-3 * Math.abs(x[i]), name + "[" + i + "]");
                }
            }
        }
    }
}
