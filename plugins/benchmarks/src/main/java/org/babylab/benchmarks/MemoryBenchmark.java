package org.babylab.benchmarks;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.babylab.api.step.ProgressReporter;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.model.LlamaPresets;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.tokenizer.ByteLevelBpeTrainer;
import org.babylab.plugins.llama.tokenizer.SpecialTokens;
import org.babylab.plugins.llama.train.CausalLmConfig;
import org.babylab.plugins.llama.train.CausalLmTrainer;
import org.babylab.plugins.llama.train.OptimizerConfig;
import org.babylab.plugins.llama.train.PackedCorpus;

/**
 * Peak memory and speed of causal-lm training for one preset, in a fresh process (peak RSS is per
 * process): {@code MemoryBenchmark PRESET BATCH SEQ_LEN STEPS [VOCAB]}. Trains STEPS AdamW steps on
 * random tokens exactly as the causal-lm stage does and prints one Markdown table row: parameters,
 * median seconds per step after the first, tokens/s and the process's peak resident memory (VmHWM:
 * JVM heap plus native tensors), with the glibc malloc settings it ran under. VOCAB (default 16384)
 * is the vocabulary of presets that take the tokenizer's.
 */
public final class MemoryBenchmark {
    private MemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: MemoryBenchmark PRESET BATCH SEQ_LEN STEPS [VOCAB]");
            System.exit(2);
        }
        String preset = args[0];
        int batch;
        int seqLen;
        int steps;
        int vocab;
        LlamaArchitecture arch;
        try {
            batch = Integer.parseInt(args[1]);
            seqLen = Integer.parseInt(args[2]);
            steps = Integer.parseInt(args[3]);
            vocab = args.length > 4 ? Integer.parseInt(args[4]) : 16_384;
            arch = LlamaPresets.get(preset); // an unknown preset's message lists the valid ones
        } catch (IllegalArgumentException e) {
            System.err.println("bench memory: " + e.getMessage()
                    + "\nusage: MemoryBenchmark PRESET BATCH SEQ_LEN STEPS [VOCAB] (whole numbers)");
            System.exit(2);
            return;
        }
        ai.djl.engine.Engine.getEngine("PyTorch");
        org.babylab.plugins.llama.model.DjlDevices.setThreads(
                Runtime.getRuntime().availableProcessors());
        if (arch.vocabSize() == 1) {
            arch = arch.withVocabSize(vocab);
        }
        ByteLevelBpeTrainer t = new ByteLevelBpeTrainer(300, 1, SpecialTokens.ALL);
        t.addDocument("the quick brown fox jumps over the lazy dog");
        BpeTokenizer tokenizer = BpeTokenizer.of(t.train());
        long[] times = new long[steps + 1];
        try (LlamaModel model = LlamaModel.initialise(arch, tokenizer, 1, Device.cpu())) {
            int[] tokens = new int[batch * steps * seqLen + 1];
            Random r = new Random(1);
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = r.nextInt(arch.vocabSize());
            }
            OptimizerConfig opt = new OptimizerConfig(1e-4, batch, "constant", 0, 0.01, null, null, 1.0, 1, null);
            CausalLmConfig cfg = new CausalLmConfig("m", "d", null, 0.0, 1, steps, seqLen, 1_000_000, 0, opt);
            Path ckpt = Files.createTempDirectory("llama-memory");
            long t0 = System.nanoTime();
            new CausalLmTrainer(
                            cfg,
                            model,
                            CausalLmTrainer.Windows.all(PackedCorpus.ofTokens(tokens, seqLen)),
                            null,
                            1,
                            ckpt,
                            ProgressReporter.none(),
                            s -> {},
                            () -> false,
                            (step, loss) -> {
                                times[(int) step] = System.nanoTime();
                                System.err.printf(
                                        "step %d: %.1f s, RSS %d MiB%n",
                                        step,
                                        (times[(int) step] - (step == 1 ? t0 : times[(int) step - 1])) / 1e9,
                                        procStatusKb("VmRSS") / 1024);
                            })
                    .run();
        }
        double[] secs = new double[Math.max(1, steps - 1)];
        for (int i = 0; i < secs.length; i++) {
            secs[i] = steps > 1 ? (times[i + 2] - times[i + 1]) / 1e9 : 0;
        }
        java.util.Arrays.sort(secs);
        double s = secs[secs.length / 2];
        String malloc = System.getenv().entrySet().stream()
                .filter(e -> e.getKey().startsWith("MALLOC_"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(java.util.stream.Collectors.joining(" "));
        System.out.printf(
                "| %s | %.1fM | %d x %d | %d | %.1f | %.0f | %.0f MiB | %s |%n",
                preset,
                arch.parameterCount() / 1e6,
                seqLen,
                batch,
                steps,
                s,
                s > 0 ? batch * seqLen / s : 0,
                procStatusKb("VmHWM") / 1024.0,
                malloc.isEmpty() ? "glibc defaults" : malloc);
    }

    private static long procStatusKb(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
