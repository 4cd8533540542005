package org.babylab.benchmarks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.babylab.plugins.llama.model.LlamaModel;

/**
 * The BabyLM evaluation pipeline's (2025) way of scoring minimal pairs, the benchmark's baseline:
 * batches of {@value #PAIRS_PER_BATCH} pairs in file order, each side right-padded to the batch's
 * longest sentence and read in one forward pass per side, the full-vocabulary log-softmax taken at
 * every position, the targets gathered from it, no sorting and no reuse of anything between the two
 * sentences. It runs through the same {@link LlamaModel} forward pass as BabyLab's scorer, so the
 * two differ only in method. Not thread-safe.
 */
final class PipelineMethodScorer {
    static final int PAIRS_PER_BATCH = 64;

    private final LlamaModel model;

    PipelineMethodScorer(LlamaModel model) {
        this.model = model;
    }

    /**
     * The summed log-prob of positions {@code 1..n-1} of each sequence (position 0 is the BOS that
     * conditions the rest), for {@code good.get(i)} and {@code bad.get(i)}: {@code [2][pairs]}.
     */
    double[][] score(List<int[]> good, List<int[]> bad) {
        if (good.size() != bad.size()) {
            throw new IllegalArgumentException(good.size() + " good sentences but " + bad.size() + " bad ones");
        }
        double[][] out = new double[2][good.size()];
        for (int start = 0; start < good.size(); start += PAIRS_PER_BATCH) {
            int end = Math.min(good.size(), start + PAIRS_PER_BATCH);
            side(good.subList(start, end), out[0], start);
            side(bad.subList(start, end), out[1], start);
        }
        return out;
    }

    private void side(List<int[]> batch, double[] out, int offset) {
        int b = batch.size();
        int t = batch.stream().mapToInt(s -> s.length).max().orElseThrow();
        long[] ids = new long[b * t];
        long[] next = new long[b * t];
        for (int i = 0; i < b; i++) {
            int[] s = batch.get(i);
            for (int j = 0; j < s.length; j++) {
                ids[i * t + j] = s[j];
                if (j > 0) {
                    next[i * t + j - 1] = s[j];
                }
            }
        }
        try (NDManager m = model.manager().newSubManager()) {
            NDArray logits = model.logits(m, m.create(ids, new Shape(b, t)));
            NDArray lp = logits.logSoftmax(-1).gather(m.create(next, new Shape(b, t, 1)), 2);
            float[] flat = lp.toType(DataType.FLOAT32, false).toFloatArray();
            for (int i = 0; i < b; i++) {
                double sum = 0;
                for (int j = 1; j < batch.get(i).length; j++) {
                    sum += flat[i * t + j - 1];
                }
                out[offset + i] = sum;
            }
        }
    }
}
