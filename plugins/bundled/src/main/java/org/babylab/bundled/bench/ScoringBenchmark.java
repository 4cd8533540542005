package org.babylab.bundled.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.babylab.api.data.Dataset;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.model.Tokenizer;
import org.babylab.api.step.DeviceLease;
import org.babylab.plugins.core.ngram.NgramConfig;
import org.babylab.plugins.core.ngram.NgramFactory;
import org.babylab.plugins.core.text.TextDatasetConfig;
import org.babylab.plugins.core.text.TextDatasetFactory;
import org.babylab.plugins.eval.bench.BlimpScoringBenchmark;
import org.babylab.plugins.llama.model.LlamaModelConfig;
import org.babylab.plugins.llama.model.LlamaModelFactory;
import org.babylab.plugins.llama.tokenizer.BpeConfig;
import org.babylab.plugins.llama.tokenizer.BpeTokenizerFactory;
import org.babylab.testkit.TestStepContext;

/**
 * {@code babylab bench scoring [BLIMP_DIR] [--files N] [--models ngram,llama-tiny,llama-mini]}: BLiMP
 * scoring throughput with the n-gram and small LLaMAs, the batched and de-duplicating scorer
 * against the one-sequence-at-a-time scoring of the BabyLM pipeline, in the same run.
 *
 * <p>The models are built exactly as an experiment builds them (trained n-gram and BPE on the
 * quickstart corpus; a randomly initialised LLaMA, since throughput does not depend on the weights).
 */
public final class ScoringBenchmark {
    private ScoringBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("babylab.project.dir", "."));
        Path blimp = root.resolve("../shared/data/babylm2025_full_eval/blimp_filtered").normalize();
        int files = Integer.MAX_VALUE;
        List<String> models = List.of("ngram", "llama-tiny", "llama-mini");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--files" -> files = Integer.parseInt(args[++i]);
                case "--models" -> models = List.of(args[++i].split(","));
                default -> blimp = Path.of(args[i]);
            }
        }
        if (!Files.isDirectory(blimp)) {
            System.err.println("BLiMP directory not found: " + blimp + " (pass it as the first argument)");
            System.exit(2);
        }
        Path work = Files.createTempDirectory("babylab-bench");
        Path data = limited(blimp, files, work.resolve("blimp"));
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf("machine: %d cores, %s; %s%n", threads, cpuModel(), java.time.LocalDate.now());

        Dataset corpus = new TextDatasetFactory().create(TextDatasetConfig.of(
                root.resolve("experiments/data/quickstart/corpus/train.txt").toAbsolutePath().toString()),
                TestStepContext.builder(work.resolve("ds")).build());
        for (String name : models) {
            System.out.println();
            System.out.println("== " + name);
            try (LanguageModel model = build(name, corpus, work.resolve(name), threads)) {
                BlimpScoringBenchmark.run(model, data, System.out);
            }
        }
    }

    private static LanguageModel build(String name, Dataset corpus, Path dir, int threads) throws Exception {
        TestStepContext.Builder ctx = TestStepContext.builder(dir).dataset("corpus", corpus).device(DeviceLease.cpuOnly(threads));
        if (name.equals("ngram")) {
            return new NgramFactory().create(NgramConfig.of("corpus", 3), ctx.build());
        }
        Tokenizer bpe = new BpeTokenizerFactory().create(new BpeConfig(4000, "corpus", null, null), ctx.build());
        LlamaModelConfig config = new LlamaModelConfig(name, "bpe", null, null, null, null, null, null, null, null, null);
        return new LlamaModelFactory().create(config, ctx.tokenizer("bpe", bpe).build());
    }

    /** A directory of links to the first {@code n} BLiMP files (all of them when n is large). */
    private static Path limited(Path blimp, int n, Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> list = Files.list(blimp)) {
            for (Path f : list.filter(p -> p.toString().endsWith(".jsonl")).sorted().limit(n).toList()) {
                Files.createSymbolicLink(dir.resolve(f.getFileName()), f.toAbsolutePath());
            }
        }
        return dir;
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
