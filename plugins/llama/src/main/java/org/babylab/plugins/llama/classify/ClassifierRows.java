package org.babylab.plugins.llama.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.babylab.api.model.Pooling;

/**
 * The rows one forward pass of a classifier runs: either packed (first-fit decreasing into rows of
 * {@code max(longest, packWidth)} tokens, each sequence attending only to itself, positions
 * restarting at 0) or one right-padded sequence per row (the pipeline's batches). Also the pooling
 * matrix {@code [sequences, rows * length]} whose product with the flattened hidden states gives
 * each sequence's pooled state.
 */
record ClassifierRows(int rows, int length, long[] ids, long[] positions, float[] mask, float[] pool, int sequences) {

    /** Tokens a packed row holds at least: rows are as long as the batch's longest sequence, since with length-grouped batches wider rows cost more attention than the padding they save (see docs/performance.md). */
    static final int PACK_WIDTH = 0;

    static ClassifierRows build(List<int[]> seqs, boolean packed, Pooling pooling, int padId) {
        int n = seqs.size();
        int longest = seqs.stream().mapToInt(s -> s.length).max().orElseThrow();
        int length = packed ? Math.max(longest, PACK_WIDTH) : longest;
        // place[k] = {row, start}
        int[][] place = new int[n][];
        List<Integer> fill = new ArrayList<>();
        if (packed) {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(
                    order,
                    Comparator.comparingInt((Integer i) -> seqs.get(i).length).reversed());
            for (int k : order) {
                int len = seqs.get(k).length;
                int row = -1;
                for (int r = 0; r < fill.size(); r++) {
                    if (fill.get(r) + len <= length) {
                        row = r;
                        break;
                    }
                }
                if (row < 0) {
                    fill.add(0);
                    row = fill.size() - 1;
                }
                place[k] = new int[] {row, fill.get(row)};
                fill.set(row, fill.get(row) + len);
            }
        } else {
            for (int k = 0; k < n; k++) {
                place[k] = new int[] {k, 0};
                fill.add(seqs.get(k).length);
            }
        }
        int rows = fill.size();
        long[] ids = new long[rows * length];
        long[] pos = new long[rows * length];
        int[] segment = new int[rows * length];
        Arrays.fill(ids, padId);
        Arrays.fill(segment, -1);
        float[] pool = new float[n * rows * length];
        for (int k = 0; k < n; k++) {
            int[] s = seqs.get(k);
            int base = place[k][0] * length + place[k][1];
            for (int j = 0; j < s.length; j++) {
                ids[base + j] = s[j];
                pos[base + j] = j;
                segment[base + j] = k;
            }
            long row = (long) k * rows * length;
            switch (pooling) {
                case LAST -> pool[(int) (row + base + s.length - 1)] = 1f;
                case FIRST -> pool[(int) (row + base)] = 1f;
                case MEAN -> {
                    for (int j = 0; j < s.length; j++) {
                        pool[(int) (row + base + j)] = 1f / s.length;
                    }
                }
            }
        }
        float[] mask = new float[rows * length * length];
        Arrays.fill(mask, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < length; i++) {
                int si = segment[r * length + i];
                int at = (r * length + i) * length;
                if (si < 0) {
                    mask[at + i] = 0f; // padding attends to itself only, so its softmax is defined
                    continue;
                }
                for (int j = i; j >= 0 && segment[r * length + j] == si; j--) {
                    mask[at + j] = 0f;
                }
            }
        }
        return new ClassifierRows(rows, length, ids, pos, mask, pool, n);
    }

    /** Tokens the forward pass computes, padding included. */
    long computedTokens() {
        return (long) rows * length;
    }
}
