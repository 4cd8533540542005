package org.babylab.benchmarks;

import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.babylab.plugins.llama.model.LlamaArchitecture;
import org.babylab.plugins.llama.model.LlamaModel;
import org.babylab.plugins.llama.tokenizer.BpeTokenizer;
import org.babylab.plugins.llama.tokenizer.ByteLevelBpeTrainer;
import org.babylab.plugins.llama.tokenizer.SpecialTokens;
import org.babylab.toolkit.data.JsonRecord;
import org.babylab.toolkit.data.JsonlSource;
import org.babylab.toolkit.data.JsonlSource.NamedRecords;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScore;
import org.babylab.toolkit.scoring.ContinuationScorer;

/**
 * {@code babylab bench scoring [BLIMP_DIR] [--every N] [--models llama-mini,llama-small] [--threads T]}:
 * BLiMP scoring time of BabyLab's {@link ContinuationScorer} against the BabyLM pipeline's method
 * ({@link PipelineMethodScorer}: padded batches of 64 pairs in file order, one forward per side,
 * full log-softmax), same weights, same token sequences, same PyTorch threads, in one process, and a
 * per-item check that both give the same log-probs.
 *
 * <p>The tokenizer is a byte-level BPE of at most 8,000 tokens trained on the BLiMP good sentences
 * (so sentences split into as many tokens as with a BabyLM tokenizer rather than into bytes); the
 * LLaMA is randomly initialised (time does not depend on the weights) with the preset's shape and
 * the vocabulary of docs/performance.md: llama-mini d=256, 4 layers, vocab 8,000; llama-small
 * d=512, 8 layers, vocab 16,384. {@code --every N} keeps every N-th pair of each file (default 1:
 * all 59,875 pairs).
 */
public final class ScoringBenchmark {
    /** Largest per-item |log-prob difference| accepted between the two methods (fp32 sums of ~10 terms). */
    static final double TOLERANCE = 1e-3;

    private ScoringBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("babylab.project.dir", "."));
        Path blimp = root.resolve("../shared/data/babylm2025_full_eval/blimp_filtered")
                .normalize();
        int every = 1;
        int threads = Runtime.getRuntime().availableProcessors();
        List<String> models = List.of("llama-mini", "llama-small");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--every" -> every = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--models" -> models = List.of(args[++i].split(","));
                default -> blimp = Path.of(args[i]);
            }
        }
        if (!Files.isDirectory(blimp)) {
            System.err.println("BLiMP directory not found: " + blimp
                    + " (pass the blimp_filtered directory as the first argument)");
            System.exit(2);
        }
        List<List<String[]>> pairsByFile = new ArrayList<>();
        List<String> corpus = new ArrayList<>();
        List<NamedRecords> files = JsonlSource.read(blimp.toString(), Path.of("."), null);
        int pairCount = 0;
        for (NamedRecords f : files) {
            List<String[]> pairs = new ArrayList<>();
            int i = 0;
            for (JsonRecord r : f.records()) {
                corpus.add(r.text("sentence_good"));
                if (i++ % every == 0) {
                    pairs.add(new String[] {r.text("sentence_good"), r.text("sentence_bad")});
                }
            }
            pairsByFile.add(pairs);
            pairCount += pairs.size();
        }
        ai.djl.engine.Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        ByteLevelBpeTrainer trainer = new ByteLevelBpeTrainer(8_000, 2, SpecialTokens.ALL);
        trainer.addDocuments(corpus.stream());
        BpeTokenizer tokenizer = BpeTokenizer.of(trainer.train());
        System.out.printf(
                "machine: %d cores, %s; PyTorch threads %d; %s; load average %s%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), threads, Instant.now(), loadAverage());
        System.out.printf(
                "BLiMP: %d files, %d pairs (every %d of each file); BPE of %d tokens trained on the good sentences%n",
                files.size(), pairCount, every, tokenizer.vocabSize());
        for (String name : models) {
            LlamaArchitecture arch = switch (name) {
                case "llama-mini" -> new LlamaArchitecture(8_000, 256, 4, 4, 4, 688, 512, 1e4, 1e-6, 0.02);
                case "llama-small" -> new LlamaArchitecture(16_384, 512, 8, 8, 8, 1_376, 1_024, 1e4, 1e-6, 0.02);
                default ->
                    throw new IllegalArgumentException(
                            "--models: unknown model '" + name + "'; use llama-mini, llama-small");
            };
            try (LlamaModel model = LlamaModel.initialise(arch, tokenizer, 3, ai.djl.Device.cpu())) {
                run(name, model, pairsByFile);
            }
        }
    }

    /**
     * Times both methods file by file, alternating which goes first, so that both see the same
     * machine load (the build machine is shared) and neither profits from the other's warm caches.
     * BabyLab's evaluator scores a whole task in one call; scoring one file (one paradigm) per call
     * only loses the little sharing between paradigms.
     */
    private static void run(String name, LlamaModel model, List<List<String[]>> pairsByFile) {
        ContinuationScorer scorer = new ContinuationScorer(model);
        PipelineMethodScorer pipeline = new PipelineMethodScorer(model);
        int bos = scorer.encoder().bosId().orElseThrow();
        long pipelineNanos = 0;
        long babylabNanos = 0;
        // BabyLab's side gets text and tokenizes it (as the blimp step does); the pipeline side gets
        // token ids (the pipeline tokenizes before it scores, untimed here). Timing the scorer's own
        // tokenization on its own says how much of BabyLab's time is that, for a model-only ratio.
        long encodeNanos = 0;
        long tokens = 0;
        long paddedPositions = 0;
        long treeNodes = 0;
        int pairs = 0;
        int calls = 0;
        double maxDiff = 0;
        int disagreeing = 0;
        boolean warm = false;
        for (int f = 0; f < pairsByFile.size(); f++) {
            List<ContinuationRequest> requests = new ArrayList<>();
            List<int[]> good = new ArrayList<>();
            List<int[]> bad = new ArrayList<>();
            for (String[] pair : pairsByFile.get(f)) {
                requests.add(ContinuationRequest.wholeText(pair[0]));
                requests.add(ContinuationRequest.wholeText(pair[1]));
                good.add(withBos(bos, model.tokenizer().encode(pair[0]).ids()));
                bad.add(withBos(bos, model.tokenizer().encode(pair[1]).ids()));
            }
            if (good.isEmpty()) {
                continue;
            }
            if (!warm) { // JIT and PyTorch's allocator, untimed
                pipeline.score(good, bad);
                scorer.score(requests);
                warm = true;
            }
            double[][] base;
            List<ContinuationScore> ours;
            if (f % 2 == 0) {
                long t0 = System.nanoTime();
                base = pipeline.score(good, bad);
                long t1 = System.nanoTime();
                ours = scorer.score(requests);
                babylabNanos += System.nanoTime() - t1;
                pipelineNanos += t1 - t0;
            } else {
                long t0 = System.nanoTime();
                ours = scorer.score(requests);
                long t1 = System.nanoTime();
                base = pipeline.score(good, bad);
                pipelineNanos += System.nanoTime() - t1;
                babylabNanos += t1 - t0;
            }
            calls += scorer.lastStats().batches();
            long e0 = System.nanoTime();
            for (ContinuationRequest r : requests) {
                scorer.encoder().encode(r);
            }
            encodeNanos += System.nanoTime() - e0;
            for (int i = 0; i < good.size(); i++) {
                for (int side = 0; side < 2; side++) {
                    double d = Math.abs(ours.get(2 * i + side).logProb() - base[side][i]);
                    maxDiff = Math.max(maxDiff, d);
                    if (!(d <= TOLERANCE)) {
                        disagreeing++;
                    }
                }
                tokens += good.get(i).length + bad.get(i).length;
            }
            paddedPositions += paddedPositions(good) + paddedPositions(bad);
            List<int[]> all = new ArrayList<>(good);
            all.addAll(bad);
            treeNodes += prefixTreeNodes(all);
            pairs += good.size();
        }
        double pipelineSeconds = pipelineNanos / 1e9;
        double babylabSeconds = babylabNanos / 1e9;
        System.out.printf(
                "%n== %s (%,d params), %,d pairs, %,d tokens; positions read: pipeline %,d (padded), prefix tree %,d%n",
                name, parameterCount(model), pairs, tokens, paddedPositions, treeNodes);
        System.out.printf(
                "pipeline method (batches of %d pairs, padded, file order): %.2f s, %.0f pairs/s%n",
                PipelineMethodScorer.PAIRS_PER_BATCH, pipelineSeconds, pairs / pipelineSeconds);
        System.out.printf(
                "BabyLab ContinuationScorer:                        %.2f s, %.0f pairs/s (%d model calls)%n",
                babylabSeconds, pairs / babylabSeconds, calls);
        double encodeSeconds = encodeNanos / 1e9;
        System.out.printf(
                "of BabyLab's time, tokenizing the %,d sentences (the scorer's encoder, timed apart): %.2f s;"
                        + " model work only: %.2f s, speed-up %.2fx%n",
                2 * pairs,
                encodeSeconds,
                babylabSeconds - encodeSeconds,
                pipelineSeconds / (babylabSeconds - encodeSeconds));
        System.out.printf(
                "speed-up %.2fx; max |log-prob difference| per sentence %.2g (tolerance %.0e): %s; load average %s%n",
                pipelineSeconds / babylabSeconds,
                maxDiff,
                TOLERANCE,
                disagreeing == 0 ? "all agree" : disagreeing + " DISAGREE",
                loadAverage());
        if (disagreeing > 0) {
            throw new IllegalStateException(disagreeing + " sentences score differently under the two methods");
        }
    }

    /** Positions the pipeline reads: each batch of 64 sentences padded to its longest. */
    private static long paddedPositions(List<int[]> side) {
        long n = 0;
        for (int start = 0; start < side.size(); start += PipelineMethodScorer.PAIRS_PER_BATCH) {
            List<int[]> batch =
                    side.subList(start, Math.min(side.size(), start + PipelineMethodScorer.PAIRS_PER_BATCH));
            n += (long) batch.size()
                    * batch.stream().mapToInt(s -> s.length).max().orElse(0);
        }
        return n;
    }

    /** Distinct prefixes among the sequences: the tokens a prefix tree reads (row breaks aside). */
    private static long prefixTreeNodes(List<int[]> sequences) {
        List<int[]> sorted = new ArrayList<>(sequences);
        sorted.sort(java.util.Arrays::compare);
        long n = 0;
        int[] previous = new int[0];
        for (int[] s : sorted) {
            int m = Math.min(previous.length, s.length);
            int shared = java.util.Arrays.mismatch(previous, 0, m, s, 0, m);
            n += s.length - (shared < 0 ? m : shared);
            previous = s;
        }
        return n;
    }

    private static long parameterCount(LlamaModel model) {
        return model.parameters().values().stream()
                .mapToLong(a -> a.getShape().size())
                .sum();
    }

    private static int[] withBos(int bos, int[] ids) {
        int[] out = new int[ids.length + 1];
        out[0] = bos;
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
