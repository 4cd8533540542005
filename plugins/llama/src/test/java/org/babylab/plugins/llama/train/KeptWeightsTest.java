package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What lets a kept checkpoint's key leave out {@code epochs}: with a constant schedule the weights
 * kept at the end of epoch 1 are bit-identical whether the run stops there or goes on, and with a
 * decaying schedule they are not (so {@link CausalLmStageFactory#lengthKeys} must keep the length).
 */
class KeptWeightsTest {
    private static Map<String, float[]> epochOneWeights(String schedule, int epochs, Path dir) throws Exception {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
        BpeTokenizer tok = TestCorpus.tokenizer(320);
        LlamaArchitecture arch = new LlamaArchitecture(tok.vocabSize(), 32, 1, 4, 4, 64, 64, 10_000, 1e-6, 0.02);
        Map<String, float[]> kept = new LinkedHashMap<>();
        try (LlamaModel model = LlamaModel.initialise(arch, tok, 3, Device.cpu())) {
            PackedCorpus corpus =
                    PackedCorpus.pack(TestCorpus.documents(80, 5).stream(), tok, 32, ProgressReporter.none());
            OptimizerConfig opt = new OptimizerConfig(3e-3, 4, schedule, 3, 0.01, null, null, 1.0, 1, null);
            CausalLmConfig c = new CausalLmConfig("m", "d", null, null, epochs, null, 32, 1000, null, opt);
            new CausalLmTrainer(
                            c,
                            model,
                            CausalLmTrainer.Windows.all(corpus),
                            null,
                            7,
                            java.nio.file.Files.createDirectories(dir),
                            ProgressReporter.none(),
                            s -> {},
                            () -> false,
                            (s, l) -> {})
                    .keeping(
                            KeepSchedule.of(new KeepConfig(null, null, null, List.of("1")), epochs, corpus.wordCount()),
                            (names, at) -> {
                                for (String name : model.parameters().keySet()) {
                                    kept.put(name, model.parameterValues(name).clone());
                                }
                            })
                    .run();
        }
        return kept;
    }

    @Test
    void a_constant_schedule_keeps_the_same_weights_in_a_longer_run_and_a_decaying_one_does_not(@TempDir Path dir)
            throws Exception {
        Map<String, float[]> shortRun = epochOneWeights("constant", 1, dir.resolve("a"));
        Map<String, float[]> longRun = epochOneWeights("constant", 3, dir.resolve("b"));
        assertEquals(shortRun.keySet(), longRun.keySet());
        assertFalse(shortRun.isEmpty());
        for (String name : shortRun.keySet()) {
            assertArrayEquals(shortRun.get(name), longRun.get(name), name);
        }
        Map<String, float[]> linearShort = epochOneWeights("linear", 1, dir.resolve("c"));
        Map<String, float[]> linearLong = epochOneWeights("linear", 3, dir.resolve("d"));
        List<String> differ = new ArrayList<>();
        linearShort.forEach((name, w) -> {
            if (!Arrays.equals(w, linearLong.get(name))) {
                differ.add(name);
            }
        });
        assertFalse(differ.isEmpty(), "a linear decay over 1 or 3 epochs gives other weights at the end of epoch 1");

        CausalLmStageFactory f = new CausalLmStageFactory();
        OptimizerConfig constant =
                new OptimizerConfig(null, null, "constant", null, null, null, null, null, null, null);
        assertEquals(
                Set.of("epochs", "max_steps"),
                f.lengthKeys(new CausalLmConfig("m", "d", null, null, 1, null, 32, null, null, constant)));
        CausalLmConfig linear = new CausalLmConfig("m", "d", null, null, 1, null, 32, null, null, null);
        assertEquals(Set.of(), f.lengthKeys(linear));
        assertFalse(f.lengthDependence(linear).isEmpty());
    }
}
