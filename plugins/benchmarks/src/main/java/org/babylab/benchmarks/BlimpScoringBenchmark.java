package org.babylab.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.babylab.api.model.LanguageModel;
import org.babylab.testkit.CharBigramModel;
import org.babylab.testkit.NaiveScorer;
import org.babylab.toolkit.data.DataFormatException;
import org.babylab.toolkit.data.JsonRecord;
import org.babylab.toolkit.data.JsonlSource;
import org.babylab.toolkit.data.JsonlSource.NamedRecords;
import org.babylab.toolkit.scoring.ContinuationRequest;
import org.babylab.toolkit.scoring.ContinuationScore;
import org.babylab.toolkit.scoring.ContinuationScorer;
import org.babylab.toolkit.scoring.ScoringStats;

/**
 * Times whole-sentence scoring of every BLiMP pair two ways: the batched, deduplicating
 * {@link ContinuationScorer} and the one-sequence-at-a-time {@link NaiveScorer} (the BabyLM
 * pipeline's way), and checks that they agree. Not a test: run it with a real model through
 * {@link #run}, or from the command line on the test kit's {@link CharBigramModel}:
 * {@code java ... BlimpScoringBenchmark <blimp_dir>}.
 */
public final class BlimpScoringBenchmark {
    private BlimpScoringBenchmark() {}

    /** Benchmarks {@code model} on the {@code *.jsonl} pairs in {@code blimpDir}, reporting to {@code out}. */
    public static void run(LanguageModel model, Path blimpDir, PrintStream out) throws IOException {
        List<ContinuationRequest> requests = new ArrayList<>();
        int pairs = 0;
        List<NamedRecords> files = JsonlSource.read(blimpDir.toString(), Path.of("."), null);
        for (NamedRecords f : files) {
            for (JsonRecord r : f.records()) {
                requests.add(ContinuationRequest.wholeText(r.text("sentence_good")));
                requests.add(ContinuationRequest.wholeText(r.text("sentence_bad")));
                pairs++;
            }
        }
        out.printf("BLiMP scoring benchmark: %d files, %d pairs, %d sentences%n", files.size(), pairs, requests.size());

        // Warm both paths up on a slice first, so neither timing includes JIT compilation.
        List<ContinuationRequest> warmUp = requests.subList(0, Math.min(requests.size(), 2000));
        new ContinuationScorer(model).score(warmUp);
        new NaiveScorer(model).score(warmUp);

        ContinuationScorer fast = new ContinuationScorer(model);
        long t0 = System.nanoTime();
        List<ContinuationScore> fastScores = fast.score(requests);
        double fastSeconds = (System.nanoTime() - t0) / 1e9;
        ScoringStats stats = fast.lastStats();

        NaiveScorer naive = new NaiveScorer(model);
        long t1 = System.nanoTime();
        List<ContinuationScore> naiveScores = naive.score(requests);
        double naiveSeconds = (System.nanoTime() - t1) / 1e9;

        double maxDiff = 0;
        for (int i = 0; i < requests.size(); i++) {
            maxDiff = Math.max(
                    maxDiff,
                    Math.abs(fastScores.get(i).logProb() - naiveScores.get(i).logProb()));
        }
        out.printf(
                "optimised: %.2f s, %.1f items/s, %.0f tokens/s (%d distinct sequences, %d forward passes, %d tokens, %d batches)%n",
                fastSeconds,
                pairs / fastSeconds,
                stats.modelTokens() / fastSeconds,
                stats.distinctSequences(),
                stats.modelSequences(),
                stats.modelTokens(),
                stats.batches());
        out.printf(
                "naive:     %.2f s, %.1f items/s, %.0f tokens/s (%d forward passes, %d tokens)%n",
                naiveSeconds,
                pairs / naiveSeconds,
                naive.lastTokens() / naiveSeconds,
                requests.size(),
                naive.lastTokens());
        out.printf(
                "speed-up (naive time / optimised time): %.2fx; max |score difference|: %.3g%n",
                naiveSeconds / fastSeconds, maxDiff);
    }

    /** {@code BlimpScoringBenchmark <blimp_dir>}: benchmarks the test kit's {@link CharBigramModel} trained on the good sentences. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: BlimpScoringBenchmark <directory of BLiMP *.jsonl files>");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        if (!Files.isDirectory(dir)) {
            System.err.println("BLiMP directory not found: " + dir + " (pass the blimp_filtered directory)");
            System.exit(2);
        }
        List<String> corpus = new ArrayList<>();
        try {
            for (NamedRecords f : JsonlSource.read(dir.toString(), Path.of("."), null)) {
                f.records().forEach(r -> corpus.add(r.text("sentence_good")));
            }
        } catch (IOException | DataFormatException e) {
            // The reader names the file and line; a stack trace would say nothing more to the user.
            System.err.println("cannot read BLiMP from " + dir + ": " + e.getMessage());
            System.exit(1);
        }
        run(CharBigramModel.train(corpus), dir, System.out);
    }
}
