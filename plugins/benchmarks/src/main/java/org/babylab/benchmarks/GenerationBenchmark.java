package org.babylab.benchmarks;

import ai.djl.Device;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.babylab.api.model.Generation;
import org.babylab.api.model.GenerationConfig;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.tokenizer.ByteLevelBpeTrainer;
import org.babylab.plugins.llama.tokenizer.SpecialTokens;

/**
 * Generated tokens per second of greedy decoding with the key/value cache ({@link LlamaModel#generate})
 * against recomputing the whole prefix for every new token ({@link LlamaModel#generateWithoutCache},
 * what a model without a cache does), same weights, same prompts, same process, interleaved so both
 * sides see the same machine load. Both sides must produce the same tokens, which is checked.
 *
 * <p>Usage: {@code GenerationBenchmark [performance.md to update] [threads]}.
 */
public final class GenerationBenchmark {
    private static final String SECTION = "## Text generation: key/value cache";
    private static final int NEW_TOKENS = 64;
    private static final int PROMPT_TOKENS = 32;
    private static final int REPEATS = 3;

    private GenerationBenchmark() {}

    private record Case(String name, LlamaArchitecture arch, int batch) {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        ai.djl.engine.Engine.getEngine("PyTorch");
        org.babylab.plugins.llama.model.DjlDevices.setThreads(threads);
        ByteLevelBpeTrainer t = new ByteLevelBpeTrainer(300, 1, SpecialTokens.ALL);
        t.addDocument("the quick brown fox jumps over the lazy dog and the cat sees the ball");
        BpeTokenizer tokenizer = BpeTokenizer.of(t.train());
        // llama-mini as the presets define it, with the vocabulary of LlamaBenchmark's mini case.
        LlamaArchitecture mini = new LlamaArchitecture(8_000, 256, 4, 4, 4, 688, 512, 1e4, 1e-6, 0.02);
        List<Case> cases = List.of(
                new Case("llama-mini d=256 L=4 V=8000", mini, 1), new Case("llama-mini d=256 L=4 V=8000", mini, 8));
        StringBuilder md = new StringBuilder(SECTION).append("\n\n");
        md.append("Greedy decoding of ")
                .append(NEW_TOKENS)
                .append(" new tokens after ")
                .append(PROMPT_TOKENS)
                .append(
                        "-token prompts: `LlamaModel.generate` (key/value cache: the prompt once, then one single-token forward per new token) ")
                .append(
                        "against `generateWithoutCache` (every new token runs the model over the whole prefix, as a model without a cache must), ")
                .append("same weights and prompts, in one process, the two sides interleaved; best of ")
                .append(REPEATS)
                .append(" runs after a warm-up. Both sides produce the same tokens (checked).\n\n");
        md.append("Machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores (nproc), ")
                .append(LlamaBenchmark.cpuModel())
                .append("; PyTorch threads ")
                .append(threads)
                .append("; load average at start ")
                .append(LlamaBenchmark.loadAverage())
                .append(" (other builds shared the cores); ")
                .append(Instant.now())
                .append(".\n");
        md.append("Command: `./babylab bench generation docs/performance.md`.\n\n");
        md.append("| model | prompts | cached tokens/s | uncached tokens/s | speed-up |\n|---|---|---|---|---|\n");
        for (Case c : cases) {
            try (LlamaModel model = LlamaModel.initialise(c.arch(), tokenizer, 3, Device.cpu())) {
                SplittableRandom r = new SplittableRandom(11);
                List<int[]> prompts = new ArrayList<>();
                for (int i = 0; i < c.batch(); i++) {
                    prompts.add(r.ints(PROMPT_TOKENS, 0, c.arch().vocabSize()).toArray());
                }
                GenerationConfig greedy = new GenerationConfig(NEW_TOKENS, 0, 0, 1, List.of(), false, 0);
                List<Generation> a = model.generate(prompts, greedy);
                List<Generation> b = model.generateWithoutCache(prompts, greedy);
                for (int i = 0; i < a.size(); i++) {
                    if (!Arrays.equals(a.get(i).tokens(), b.get(i).tokens())) {
                        throw new IllegalStateException("cached and uncached generation differ for prompt " + i);
                    }
                }
                double cached = Double.MAX_VALUE;
                double uncached = Double.MAX_VALUE;
                for (int k = 0; k < REPEATS; k++) {
                    long t0 = System.nanoTime();
                    model.generate(prompts, greedy);
                    long t1 = System.nanoTime();
                    model.generateWithoutCache(prompts, greedy);
                    long t2 = System.nanoTime();
                    cached = Math.min(cached, (t1 - t0) / 1e9);
                    uncached = Math.min(uncached, (t2 - t1) / 1e9);
                }
                double tokens = (double) c.batch() * NEW_TOKENS;
                String row = String.format(
                        "| %s (%.1fM params) | %d | %.0f | %.0f | %.1fx |",
                        c.name(),
                        c.arch().parameterCount() / 1e6,
                        c.batch(),
                        tokens / cached,
                        tokens / uncached,
                        uncached / cached);
                md.append(row).append('\n');
                System.out.println(row);
            }
        }
        md.append('\n')
                .append(
                        "With one prompt a cached step is bound by per-operation overhead rather than arithmetic (a single-token forward of ")
                .append(
                        "this 7M-parameter model is about 200 small tensor operations through JNI, each costing microseconds), so the cache ")
                .append(
                        "gains far less than the ratio of FLOPs; with several prompts per call, as PPO generates (batches of 16), the ")
                .append("recomputed prefixes dominate and the cache pays off fully.\n\n");
        System.out.print(md);
        if (args.length > 0 && !args[0].isEmpty()) {
            LlamaBenchmark.updateSection(Path.of(args[0]), SECTION, md.toString());
        }
    }
}
