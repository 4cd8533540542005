package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.step.DeviceLease;
import org.babylab.plugins.llama.InMemoryDataset;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaModelConfig;
import org.babylab.plugins.llama.model.LlamaModelFactory;
import org.babylab.plugins.llama.tokenizer.BpeConfig;
import org.babylab.plugins.llama.tokenizer.BpeTokenizerFactory;
import org.babylab.testkit.TestStepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three factories chained as the runtime chains them: tokenizer, model, stage, save, load. */
class CausalLmStageTest {

    @Test
    void tokenizer_model_and_stage_chain_trains_saves_and_loads(@TempDir Path dir) throws Exception {
        InMemoryDataset corpus = new InMemoryDataset(TestCorpus.documents(300, 8));
        TestStepContext tokCtx = TestStepContext.builder(dir.resolve("tok"))
                .dataset("corpus", corpus)
                .build();
        BpeTokenizerFactory tokFactory = new BpeTokenizerFactory();
        BpeConfig bpe = new BpeConfig(330, "corpus", null, null);
        Tokenizer tok = tokFactory.create(bpe, tokCtx);
        tok.save(tokCtx.outputDir());
        Tokenizer loadedTok = tokFactory.load(bpe, tokCtx.outputDir(), tokCtx);

        LlamaModelFactory models = new LlamaModelFactory();
        LlamaModelConfig mc = new LlamaModelConfig("llama-tiny", "tok", 32, null, null, null, 64, 64, null, null, null);
        TestStepContext modelCtx = TestStepContext.builder(dir.resolve("model"))
                .tokenizer("tok", loadedTok)
                .device(DeviceLease.cpuOnly(2))
                .build();
        LanguageModel init = models.create(mc, modelCtx);

        OptimizerConfig opt = new OptimizerConfig(3e-3, 4, "linear", 2, null, null, null, null, null, null);
        CausalLmConfig sc = new CausalLmConfig("init", "corpus", null, 0.1, 2, 30, 32, 10, 10, opt);
        TestStepContext stageCtx = TestStepContext.builder(dir.resolve("stage"))
                .model("init", init)
                .dataset("corpus", corpus)
                .build();
        int[] probe = loadedTok.encode("The dog sees the ball.").ids();
        double before = sum(init.logProbs(List.of(probe)).get(0));
        try (LanguageModel trained = new CausalLmStageFactory().create(sc, stageCtx)) {
            double after = sum(trained.logProbs(List.of(probe)).get(0));
            assertTrue(
                    after > before + 5,
                    "training raised the log-probability of an in-domain sentence: " + before + " -> " + after);
            trained.save(stageCtx.outputDir());
            assertTrue(
                    stageCtx.logLines().stream().anyMatch(l -> l.contains("final held-out loss")),
                    stageCtx.logLines().toString());
            try (LanguageModel reloaded = models.load(mc, stageCtx.outputDir(), stageCtx)) {
                assertEquals(after, sum(reloaded.logProbs(List.of(probe)).get(0)), 0.0);
            }
        }
        assertTrue(Files.isRegularFile(stageCtx.outputDir().resolve("model.safetensors")));
    }

    @Test
    void seq_len_beyond_the_models_max_length_is_refused_naming_both(@TempDir Path dir) throws Exception {
        InMemoryDataset corpus = new InMemoryDataset(TestCorpus.documents(20, 8));
        LlamaModelConfig mc =
                new LlamaModelConfig("llama-tiny", "tok", null, null, null, null, null, 64, null, null, null);
        TestStepContext modelCtx = TestStepContext.builder(dir)
                .tokenizer("tok", TestCorpus.tokenizer(300))
                .build();
        try (LanguageModel init = new LlamaModelFactory().create(mc, modelCtx)) {
            CausalLmConfig sc = new CausalLmConfig("init", "corpus", null, null, 1, null, 128, null, null, null);
            TestStepContext ctx = TestStepContext.builder(dir.resolve("s"))
                    .model("init", init)
                    .dataset("corpus", corpus)
                    .build();
            var e = assertThrows(IllegalArgumentException.class, () -> new CausalLmStageFactory().create(sc, ctx));
            assertTrue(e.getMessage().contains("128") && e.getMessage().contains("64"), e.getMessage());
        }
    }

    private static double sum(double[] lp) {
        double s = 0;
        for (int i = 1; i < lp.length; i++) {
            s += lp[i];
        }
        return s;
    }
}
