package org.babylab.benchmarks;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.tokenizer.ByteLevelBpeTrainer;
import org.babylab.plugins.llama.tokenizer.SpecialTokens;
import org.babylab.plugins.llama.train.AdamW;
import org.babylab.plugins.llama.train.Autograd;
import org.babylab.plugins.llama.train.GradientStep;
import org.babylab.plugins.llama.train.OptimizerConfig;

/**
 * Measures training and scoring throughput of the LLaMA decoder on this machine, and model FLOP
 * utilisation against a 1024^3 fp32 matmul timed in the same process.
 *
 * <p>Training runs two ways on the same model, alternating step by step so both see the same load:
 * the {@code causal-lm} step ({@link GradientStep#runNextToken}: chunked loss head, fused host AdamW)
 * and the previous step (autograd over the full log-softmax, AdamW as tensor operations).
 *
 * <p>Usage: {@code LlamaBenchmark [performance.md to update] [threads]}. Prints a Markdown section
 * and, given a file, replaces the section "LLaMA benchmark: latest run" in it (creating the file or
 * appending the section if needed).
 */
public final class LlamaBenchmark {
    private static final String SECTION = "## LLaMA benchmark: latest run";

    private LlamaBenchmark() {}

    private record Case(String name, LlamaArchitecture arch, int seqLen, int batch, int steps) {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 1
                ? Integer.parseInt(args[1])
                : Runtime.getRuntime().availableProcessors();
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads the natives before any JNI call
        org.babylab.plugins.llama.model.DjlDevices.setThreads(threads);
        BpeTokenizer tokenizer = smallTokenizer();
        List<Case> cases = List.of(
                new Case(
                        "tiny d=64 L=2 V=8000",
                        new LlamaArchitecture(8_000, 64, 2, 4, 4, 256, 512, 1e4, 1e-6, 0.02),
                        128,
                        8,
                        12),
                new Case(
                        "mini d=256 L=4 V=8000",
                        new LlamaArchitecture(8_000, 256, 4, 4, 4, 688, 512, 1e4, 1e-6, 0.02),
                        128,
                        8,
                        8),
                new Case(
                        "small d=512 L=8 V=16384",
                        new LlamaArchitecture(16_384, 512, 8, 8, 8, 1_376, 1_024, 1e4, 1e-6, 0.02),
                        128,
                        8,
                        6),
                new Case(
                        "small d=512 L=8 V=16384",
                        new LlamaArchitecture(16_384, 512, 8, 8, 8, 1_376, 1_024, 1e4, 1e-6, 0.02),
                        512,
                        8,
                        4));
        // Other processes may share the cores: the reference is the best matmul seen, measured next to every case.
        double matmul = matmulFlops();
        StringBuilder md = new StringBuilder();
        md.append(SECTION).append("\n\n");
        md.append("Machine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores (nproc), ")
                .append(cpuModel())
                .append("; PyTorch threads ")
                .append(threads)
                .append("; ")
                .append(Instant.now())
                .append(".\n");
        String mallocEnv = System.getenv().entrySet().stream()
                .filter(e -> e.getKey().startsWith("MALLOC_"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(java.util.stream.Collectors.joining(" "));
        md.append("glibc malloc settings: ")
                .append(mallocEnv.isEmpty() ? "defaults" : "`" + mallocEnv + "`")
                .append(".\n");
        md.append(
                "Command: `java -cp <module classpath> org.babylab.plugins.llama.bench.LlamaBenchmark docs/performance.md`.\n\n");
        if (args.length > 2) {
            // Optional filter for quick experiments, e.g. "512": only cases whose "name seq" contains it.
            cases = cases.stream()
                    .filter(c -> (c.name() + " " + c.seqLen()).contains(args[2]))
                    .toList();
        }
        List<String> rows = new ArrayList<>();
        List<double[]> measured = new ArrayList<>();
        for (Case c : cases) {
            matmul = Math.max(matmul, matmulFlops());
            measured.add(run(c, tokenizer));
            matmul = Math.max(matmul, matmulFlops());
        }
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            double[] m = measured.get(i);
            double flopsPerToken = c.arch().forwardFlopsPerToken(c.seqLen());
            rows.add(String.format(
                    "| %s | %.1fM | %d x %d | %.0f | %.0f%% | %.0f | %.0f%% | %.2fx | %.0f | %.0f%% |",
                    c.name(),
                    c.arch().parameterCount() / 1e6,
                    c.seqLen(),
                    c.batch(),
                    m[0],
                    100 * 3 * flopsPerToken * m[0] / matmul,
                    m[2],
                    100 * 3 * flopsPerToken * m[2] / matmul,
                    m[0] / m[2],
                    m[1],
                    100 * flopsPerToken * m[1] / matmul));
        }
        md.append(String.format(
                "Reference: 1024x1024x1024 fp32 matmul on DJL PyTorch, best of the runs next to each case: **%.1f GFLOP/s**. "
                        + "Load average at the end: %s.%n%n",
                matmul / 1e9, loadAverage()));
        md.append(
                "| model | params | seq x batch | train tok/s | train MFU | previous step tok/s | previous MFU | speed-up | score tok/s | score MFU |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append(String.format(
                "%nPeak memory of the benchmark process: JVM heap %.0f MiB, process RSS (VmHWM, includes native tensors) %.0f MiB.%n",
                peakHeapBytes() / 1048576.0, procStatusKb("VmHWM") / 1024.0));
        md.append(
                "\nFLOPs count 2 per multiply-add of every matmul (projections, attention scores and mixing, LM head); a training step"
                        + " counts 3x the forward (forward + backward). MFU = achieved FLOP/s / the matmul FLOP/s above. Training includes"
                        + " the loss, AdamW and gradient clipping (\"train\": the causal-lm step, chunked loss head and fused host AdamW;"
                        + " \"previous\": autograd over the full log-softmax and AdamW as tensor operations, the step before this change),"
                        + " the two alternating step by step on the same model, median step after one warm-up step each;"
                        + " scoring includes the log-softmax and the copy of results to the host.\n");
        System.out.println(md);
        if (args.length > 0) {
            updateSection(Path.of(args[0]), SECTION, md.toString());
        }
    }

    /** {training tokens/s, scoring tokens/s, previous training step's tokens/s} (training: median step after a warm-up step). */
    private static double[] run(Case c, BpeTokenizer tokenizer) throws Exception {
        try (LlamaModel model = LlamaModel.initialise(c.arch(), tokenizer, 1, Device.cpu());
                Autograd.Scope noGrad = Autograd.noGrad();
                AdamW adam = new AdamW(model.manager(), model.parameters(), Set.of(), 0.9, 0.95, 1e-8, 0.01)) {
            model.parameters().values().forEach(p -> p.setRequiresGradient(true));
            int windows = c.batch() * (c.steps() + 1);
            int[] tokens = new int[windows * c.seqLen() + 1];
            Random r = new Random(1);
            for (int i = 0; i < tokens.length; i++) {
                tokens[i] = r.nextInt(c.arch().vocabSize());
            }
            OptimizerConfig opt = new OptimizerConfig(1e-4, c.batch(), "constant", 0, 0.01, null, null, 1.0, 1, null);
            int n = c.batch() * c.seqLen();
            double[] current = new double[c.steps()];
            double[] previous = new double[c.steps()];
            for (int step = 0; step <= c.steps(); step++) {
                long[] in = new long[n];
                long[] tg = new long[n];
                for (int i = 0; i < n; i++) {
                    in[i] = tokens[(step % (c.steps() + 1)) * n + i];
                    tg[i] = tokens[(step % (c.steps() + 1)) * n + i + 1];
                }
                Shape shape = new Shape(c.batch(), c.seqLen());
                adam.fusedOnHost(true);
                long t0 = System.nanoTime();
                GradientStep.runNextToken(
                                model,
                                adam,
                                opt,
                                List.of(sm -> new NDArray[] {sm.create(in, shape), sm.create(tg, shape)}),
                                n,
                                1e-4)
                        .loss();
                long t1 = System.nanoTime();
                adam.fusedOnHost(false);
                GradientStep.run(
                        model,
                        adam,
                        opt,
                        List.of(sm -> model.logits(sm, sm.create(in, shape))
                                .logSoftmax(-1)
                                .gather(sm.create(tg, new Shape(c.batch(), c.seqLen(), 1)), 2)
                                .sum()
                                .neg()),
                        n,
                        1e-4);
                long t2 = System.nanoTime();
                if (step > 0) { // step 0 warms up the allocator and thread pool for both
                    current[step - 1] = (t1 - t0) / 1e9;
                    previous[step - 1] = (t2 - t1) / 1e9;
                }
                System.err.printf(
                        "%s seq %d step %d: %.2f s, previous %.2f s, load %s%n",
                        c.name(), c.seqLen(), step, (t1 - t0) / 1e9, (t2 - t1) / 1e9, loadAverage());
            }
            java.util.Arrays.sort(current);
            java.util.Arrays.sort(previous);
            double trainTokS = n / current[c.steps() / 2];
            double previousTokS = n / previous[c.steps() / 2];

            List<int[]> seqs = new ArrayList<>();
            for (int i = 0; i < c.batch() * 2; i++) {
                int[] s = new int[c.seqLen()];
                System.arraycopy(tokens, i * c.seqLen(), s, 0, c.seqLen());
                seqs.add(s);
            }
            model.logProbs(seqs.subList(0, 2));
            double best = Double.MAX_VALUE;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                model.logProbs(seqs);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            double scoreTokS = seqs.size() * (double) c.seqLen() / best;
            System.err.printf(
                    "%s seq %d: train %.0f tok/s (previous %.0f), score %.0f tok/s%n",
                    c.name(), c.seqLen(), trainTokS, previousTokS, scoreTokS);
            return new double[] {trainTokS, scoreTokS, previousTokS};
        }
    }

    private static double matmulFlops() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray a = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(1024, 1024));
            NDArray b = m.randomUniform(-1, 1, new ai.djl.ndarray.types.Shape(1024, 1024));
            for (int i = 0; i < 3; i++) {
                a.matMul(b).close();
            }
            int reps = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                a.matMul(b).close();
            }
            return reps * 2.0 * 1024 * 1024 * 1024 / ((System.nanoTime() - t0) / 1e9);
        }
    }

    private static BpeTokenizer smallTokenizer() {
        ByteLevelBpeTrainer t = new ByteLevelBpeTrainer(300, 1, SpecialTokens.ALL);
        t.addDocument("the quick brown fox jumps over the lazy dog and the cat sees the ball");
        return BpeTokenizer.of(t.train());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long peakHeapBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
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

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "unknown CPU";
        }
        return "unknown CPU";
    }

    static void updateSection(Path file, String heading, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Performance\n\n";
        int start = text.indexOf(heading);
        if (start < 0) {
            text = text + (text.endsWith("\n\n") ? "" : "\n") + section;
        } else {
            int next = text.indexOf("\n## ", start + heading.length());
            text = text.substring(0, start) + section + (next < 0 ? "" : text.substring(next + 1));
        }
        Files.writeString(file, text);
    }
}
