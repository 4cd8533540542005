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

    /**
     * Runs one epoch over the first {@code examples} training examples of {@code task} per side, after
     * two untimed steps, the sides interleaved batch by batch; prints each side's examples per second.
     */
    public static void run(
            ClassifiableModel model, Path glueDir, String task, int examples, int batchSize, PrintStream out)
            throws Exception {
        GlueTask t = GlueTask.parse(task);
        List<GlueExample> train = GlueData.read(glueDir.resolve(task + ".train.jsonl"), t, examples);
        int maxLen = Math.min(512, model.maxSequenceLength());
        List<int[]> seqs = GlueEvaluator.encode(train, model.tokenizer(), maxLen, true, PairEncoding.JOINED);
        int[] labels = train.stream().mapToInt(GlueExample::label).toArray();
        long realTokens = seqs.stream().mapToLong(s -> s.length).sum();
        out.printf(
                "%s: %d training examples, %d tokens (mean %.1f, max %d), batch %d%n",
                task,
                seqs.size(),
                realTokens,
                realTokens / (double) seqs.size(),
                seqs.stream().mapToInt(s -> s.length).max().orElse(0),
                batchSize);
        int[] lengths = seqs.stream().mapToInt(s -> s.length).toArray();
        List<int[]> fileOrder = new ArrayList<>();
        for (int from = 0; from < seqs.size(); from += batchSize) {
            int[] b = new int[Math.min(batchSize, seqs.size() - from)];
            for (int i = 0; i < b.length; i++) {
                b[i] = from + i;
            }
            fileOrder.add(b);
        }
        List<Side> sides = List.of(
                new Side("pipeline: padded rows, batches in file order", fileOrder, false),
                new Side(
                        "babylab:  length-grouped batches, packed rows",
                        GlueEvaluator.batches(lengths, batchSize, 42, 1, true),
                        true),
                new Side(
                        "grouped:  length-grouped batches, padded rows",
                        GlueEvaluator.batches(lengths, batchSize, 42, 1, true),
                        false));
        double[] seconds = new double[sides.size()];
        List<SequenceClassifier> classifiers = new ArrayList<>();
        try {
            for (Side side : sides) {
                classifiers.add(model.classifier(new ClassifierConfig(
                        t.classes(), Pooling.LAST, 0.1, 1e-5, 0.01, 0.9, 0.999, 1e-8, 42, side.packed())));
            }
            for (int w = 0; w < 2; w++) { // untimed warm-up steps
                for (int k = 0; k < sides.size(); k++) {
                    step(
                            classifiers.get(k),
                            seqs,
                            labels,
                            sides.get(k).batches().get(w));
                }
            }
            // The sides take turns batch by batch (the first side rotating each round), so a change
            // of machine load during the run falls on all of them alike.
            int rounds = sides.get(0).batches().size();
            for (int r = 0; r < rounds; r++) {
                for (int j = 0; j < sides.size(); j++) {
                    int k = (r + j) % sides.size();
                    long t0 = System.nanoTime();
                    step(
                            classifiers.get(k),
                            seqs,
                            labels,
                            sides.get(k).batches().get(r));
                    seconds[k] += (System.nanoTime() - t0) / 1e9;
                }
            }
        } finally {
            for (SequenceClassifier c : classifiers) {
                c.close();
            }
        }
        double[] rate = new double[sides.size()];
        for (int k = 0; k < sides.size(); k++) {
            rate[k] = seqs.size() / seconds[k];
            out.printf(
                    "  %-50s %7.1f examples/s  (%d examples in %.1f s)%n",
                    sides.get(k).name(), rate[k], seqs.size(), seconds[k]);
        }
        out.printf(
                "speed-up over the pipeline's way: packed %.2fx, grouped and padded %.2fx%n",
                rate[1] / rate[0], rate[2] / rate[0]);
        out.printf("load average at the end: %s%n", loadAverage());
    }

    private record Side(String name, List<int[]> batches, boolean packed) {}

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
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
