package org.babylab.plugins.llama.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.DeviceLease;
import org.babylab.plugins.llama.InMemoryDataset;
import org.babylab.plugins.llama.TestCorpus;
import org.babylab.plugins.llama.model.LlamaModelConfig;
import org.babylab.plugins.llama.model.LlamaModelFactory;
import org.babylab.testkit.TestStepContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler runs stages on pool threads, several per JVM and possibly at once. PyTorch's grad
 * mode is per thread and on by default, and DJL allows one gradient collector per JVM: training
 * must work on any fresh thread, and concurrently.
 */
class TrainingThreadsTest {

    @Test
    void stages_train_on_fresh_threads_one_after_another_and_at_the_same_time(@TempDir Path dir) throws Exception {
        InMemoryDataset corpus = new InMemoryDataset(TestCorpus.documents(60, 8));
        // A fresh thread for each run, like a new Executor's pool in one JVM.
        for (int run = 0; run < 2; run++) {
            ExecutorService fresh = Executors.newSingleThreadExecutor();
            int r = run;
            try {
                assertNull(fresh.submit(() -> train(dir.resolve("seq" + r), corpus))
                        .get());
            } finally {
                fresh.shutdown();
            }
        }
        ExecutorService parallel = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> runs = new ArrayList<>();
            for (int run = 0; run < 2; run++) {
                int r = run;
                runs.add(parallel.submit(() -> train(dir.resolve("par" + r), corpus)));
            }
            for (Future<Void> f : runs) {
                assertNull(f.get());
            }
        } finally {
            parallel.shutdown();
        }
    }

    private static Void train(Path dir, InMemoryDataset corpus) throws Exception {
        LlamaModelConfig mc = new LlamaModelConfig("llama-tiny", "tok", 32, null, null, null, 64, 64, null, null, null);
        TestStepContext modelCtx = TestStepContext.builder(dir.resolve("model"))
                .tokenizer("tok", TestCorpus.tokenizer(300))
                .device(DeviceLease.cpuOnly(1))
                .build();
        LanguageModel init = new LlamaModelFactory().create(mc, modelCtx);
        OptimizerConfig opt = new OptimizerConfig(3e-3, 4, "linear", 2, null, null, null, null, null, null);
        CausalLmConfig sc = new CausalLmConfig("init", "corpus", null, null, 1, 6, 32, 3, null, opt);
        TestStepContext ctx = TestStepContext.builder(dir.resolve("stage"))
                .model("init", init)
                .dataset("corpus", corpus)
                .build();
        try (LanguageModel trained = new CausalLmStageFactory().create(sc, ctx)) {
            assertEquals(
                    0, ctx.logLines().stream().filter(l -> l.contains("FAIL")).count());
        }
        return null;
    }
}
