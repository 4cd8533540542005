package org.babylab.plugins.eval.glue;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.babylab.api.model.ClassifiableModel;
import org.babylab.api.model.ClassifierConfig;
import org.babylab.api.model.Pooling;
import org.babylab.api.model.SequenceClassifier;

/**
 * Fine-tuning throughput on one task's training file: BabyLab's batches (grouped by length, packed
 * rows without attention across examples) against the pipeline's (right-padded rows, batches in
 * file order), the same examples, the same starting weights, the same optimiser steps, in one run.
 * Prints examples per second and the tokens each side computes (padding included).
 */
public final class GlueFineTuneBenchmark {
    private GlueFineTuneBenchmark() {}

    /** Runs one epoch over the first {@code examples} training examples of {@code task} per side, after two untimed steps. */
    public static void run(ClassifiableModel model, Path glueDir, String task, int examples, int batchSize, PrintStream out) throws Exception {
        GlueTask t = GlueTask.parse(task);
        List<GlueExample> train = GlueData.read(glueDir.resolve(task + ".train.jsonl"), t, examples);
        int maxLen = Math.min(512, model.maxSequenceLength());
        List<int[]> seqs = GlueEvaluator.encode(train, model.tokenizer(), maxLen, true, PairEncoding.JOINED);
        int[] labels = train.stream().mapToInt(GlueExample::label).toArray();
        long realTokens = seqs.stream().mapToLong(s -> s.length).sum();
        out.printf("%s: %d training examples, %d tokens (mean %.1f, max %d), batch %d%n", task, seqs.size(), realTokens,
                realTokens / (double) seqs.size(), seqs.stream().mapToInt(s -> s.length).max().orElse(0), batchSize);
        int[] lengths = seqs.stream().mapToInt(s -> s.length).toArray();
        List<int[]> fileOrder = new ArrayList<>();
        for (int from = 0; from < seqs.size(); from += batchSize) {
            int[] b = new int[Math.min(batchSize, seqs.size() - from)];
            for (int i = 0; i < b.length; i++) {
                b[i] = from + i;
            }
            fileOrder.add(b);
        }
        double pipeline = side("pipeline: padded rows, batches in file order", model, t, seqs, labels, fileOrder, false, out);
        double babylab = side("babylab:  length-grouped batches, packed rows", model, t, seqs, labels,
                GlueEvaluator.batches(lengths, batchSize, 42, 1, true), true, out);
        double grouped = side("grouped:  length-grouped batches, padded rows", model, t, seqs, labels,
                GlueEvaluator.batches(lengths, batchSize, 42, 1, true), false, out);
        out.printf("speed-up over the pipeline's way: packed %.2fx, grouped and padded %.2fx%n", babylab / pipeline, grouped / pipeline);
    }

    private static double side(String name, ClassifiableModel model, GlueTask t, List<int[]> seqs, int[] labels, List<int[]> batches,
                               boolean packed, PrintStream out) {
        ClassifierConfig cc = new ClassifierConfig(t.classes(), Pooling.LAST, 0.1, 1e-5, 0.01, 0.9, 0.999, 1e-8, 42, packed);
        try (SequenceClassifier c = model.classifier(cc)) {
            for (int w = 0; w < 2; w++) {
                step(c, seqs, labels, batches.get(w));
            }
            long start = System.nanoTime();
            int n = 0;
            for (int[] b : batches) {
                step(c, seqs, labels, b);
                n += b.length;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = n / seconds;
            out.printf("  %-50s %7.1f examples/s  (%d examples in %.1f s)%n", name, rate, n, seconds);
            return rate;
        }
    }

    private static void step(SequenceClassifier c, List<int[]> seqs, int[] labels, int[] batch) {
        List<int[]> s = new ArrayList<>();
        int[] l = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            s.add(seqs.get(batch[i]));
            l[i] = labels[batch[i]];
        }
        c.trainStep(s, l, 3e-5);
    }
}
