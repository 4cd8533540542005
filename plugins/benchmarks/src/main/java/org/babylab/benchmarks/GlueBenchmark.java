package org.babylab.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import org.babylab.api.data.Dataset;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.step.DeviceLease;
import org.babylab.plugins.core.text.TextDatasetConfig;
import org.babylab.plugins.core.text.TextDatasetFactory;
import org.babylab.plugins.eval.glue.GlueFineTuneBenchmark;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.model.LlamaModelConfig;
import org.babylab.plugins.llama.model.LlamaModelFactory;
import org.babylab.plugins.llama.tokenizer.BpeConfig;
import org.babylab.plugins.llama.tokenizer.BpeTokenizerFactory;
import org.babylab.testkit.TestStepContext;

/**
 * {@code babylab bench glue [GLUE_DIR] [--task rte] [--examples 256] [--model llama-tiny]}: fine-tuning
 * throughput of the {@code glue} evaluator's packed, length-grouped batches against the pipeline's
 * padded batches in file order ({@link GlueFineTuneBenchmark}), on a randomly initialised LLaMA
 * with a BPE trained on the quickstart corpus (throughput does not depend on the weights).
 */
public final class GlueBenchmark {
    private GlueBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("babylab.project.dir", "."));
        Path glue = root.resolve("../shared/data/babylm2025_full_eval/glue_filtered")
                .normalize();
        String task = "rte";
        int examples = 256;
        String preset = "llama-tiny";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--task" -> task = args[++i];
                case "--examples" -> examples = Integer.parseInt(args[++i]);
                case "--model" -> preset = args[++i];
                default -> glue = Path.of(args[i]);
            }
        }
        if (!Files.isDirectory(glue)) {
            System.err.println("GLUE directory not found: " + glue + " (pass it as the first argument)");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("babylab-bench");
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("machine: %d cores; model %s%n", threads, preset);
        Dataset corpus = new TextDatasetFactory()
                .create(
                        TextDatasetConfig.of(root.resolve("experiments/data/quickstart/corpus/train.txt")
                                .toAbsolutePath()
                                .toString()),
                        TestStepContext.builder(work.resolve("ds")).build());
        TestStepContext.Builder ctx = TestStepContext.builder(work.resolve("m"))
                .dataset("corpus", corpus)
                .device(DeviceLease.cpuOnly(threads));
        Tokenizer bpe = new BpeTokenizerFactory().create(new BpeConfig(4000, "corpus", null, null), ctx.build());
        LlamaModelConfig config =
                new LlamaModelConfig(preset, "bpe", null, null, null, null, null, null, null, null, null);
        try (LlamaModel model = (LlamaModel)
                new LlamaModelFactory().create(config, ctx.tokenizer("bpe", bpe).build())) {
            GlueFineTuneBenchmark.run(model, glue, task, examples, 32, System.out);
        }
    }
}
