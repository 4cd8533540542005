package org.babylab.plugins.core.ngram;

/**
 * Interpolated modified Kneser-Ney probabilities (Chen &amp; Goodman 1999) over {@link NgramCounts}.
 *
 * <p>With {@code a(.)} the adjusted counts, for a word {@code w} after a context {@code h} of
 * {@code n-1} words:
 * <pre>
 *   p_n(w | h) = max(a(h w) - D_n(a(h w)), 0) / S(h)  +  gamma(h) * p_{n-1}(w | h minus its first word)
 *   S(h)       = sum over x of a(h x)
 *   gamma(h)   = (D_n1 * N1(h) + D_n2 * N2(h) + D_n3+ * N3+(h)) / S(h)
 *   p_0(w)     = 1 / |V|
 * </pre>
 * where {@code Nk(h)} counts the words {@code x} with {@code a(h x) = k} (3+: at least 3) and the
 * discounts {@code D_n} are estimated per order from count-of-counts ({@link Discounts}). A context
 * never seen ({@code S(h) = 0}) backs off fully: {@code p_n = p_{n-1}}. {@code V} is every id except
 * {@code <s>}, which is only ever a context: the model gives it probability 0. Because the discounts
 * never exceed the counts they apply to, every {@code p_n(. | h)} sums to exactly 1 over {@code V}.
 *
 * <p>Everything is derived deterministically from the counts, so a model rebuilt from saved counts
 * gives bit-identical log-probabilities. Immutable and thread-safe.
 */
final class KneserNeyModel {
    private final NgramCounts counts;
    private final int order;
    private final int vocabSize;
    /** {@code discounts[n]} for order n; index 0 unused. */
    private final Discounts[] discounts;
    /**
     * {@code contextTotal[n][c]} is S(h) for the context h numbered c in order n-1 (order 0: the empty
     * context). An {@code int} suffices: S(h) never exceeds the number of training tokens, which an
     * {@code int[]} corpus bounds.
     */
    private final int[][] contextTotal;
    /** {@code gamma[n][c]} is gamma(h) for the same contexts. */
    private final double[][] gamma;

    KneserNeyModel(NgramCounts counts) {
        this.counts = counts;
        this.order = counts.order();
        this.vocabSize = counts.vocabSize();
        this.discounts = new Discounts[order + 1];
        this.contextTotal = new int[order + 1][];
        this.gamma = new double[order + 1][];
        for (int n = 1; n <= order; n++) {
            discounts[n] = estimateDiscounts(n);
            buildContexts(n);
        }
    }

    private Discounts estimateDiscounts(int n) {
        long[] t = new long[5];
        LongIndex table = counts.table(n);
        int[] a = counts.adjusted(n);
        for (int i = 0; i < a.length; i++) {
            if (n == 1 && table.key(i) == WordTokenizer.BOS) {
                continue; // never predicted
            }
            if (a[i] >= 1 && a[i] <= 4) {
                t[a[i]]++;
            }
        }
        return Discounts.fromCountOfCounts(t[1], t[2], t[3], t[4]);
    }

    private void buildContexts(int n) {
        int contexts = n == 1 ? 1 : counts.table(n - 1).size();
        int[] total = new int[contexts];
        int[][] byCount = new int[3][contexts];
        LongIndex table = counts.table(n);
        int[] a = counts.adjusted(n);
        for (int i = 0; i < a.length; i++) {
            long key = table.key(i);
            if (n == 1 && key == WordTokenizer.BOS) {
                continue;
            }
            int context = n == 1 ? 0 : (int) (key / vocabSize);
            total[context] += a[i];
            byCount[Math.min(a[i], 3) - 1][context]++;
        }
        double[] g = new double[contexts];
        Discounts d = discounts[n];
        for (int c = 0; c < contexts; c++) {
            if (total[c] > 0) {
                g[c] = (d.d1() * byCount[0][c] + d.d2() * byCount[1][c] + d.d3() * byCount[2][c]) / total[c];
            }
        }
        contextTotal[n] = total;
        gamma[n] = g;
    }

    /** The discounts of order {@code n}. */
    Discounts discounts(int n) {
        return discounts[n];
    }

    int order() {
        return order;
    }

    /**
     * {@code log p(seq[i] | up to order-1 preceding tokens)}, natural log; {@code i >= 1}. Returns
     * negative infinity for {@code <s>}, which the model never predicts.
     */
    double logProb(int[] seq, int i) {
        int w = seq[i];
        if (w == WordTokenizer.BOS) {
            return Double.NEGATIVE_INFINITY;
        }
        double p = 1.0 / (vocabSize - 1);
        int longestContext = Math.min(order - 1, i);
        for (int n = 1; n <= longestContext + 1; n++) {
            int context = n == 1 ? 0 : indexOf(seq, i - n + 1, n - 1);
            // An unseen context backs off fully; every longer context contains it, so is unseen too.
            if (context < 0 || contextTotal[n][context] == 0) {
                break;
            }
            int ngram = counts.table(n).get(n == 1 ? w : (long) context * vocabSize + w);
            double discounted = 0;
            if (ngram >= 0) {
                int a = counts.adjusted(n)[ngram];
                discounted = (a - discounts[n].forCount(a)) / (double) contextTotal[n][context];
            }
            p = discounted + gamma[n][context] * p;
        }
        return Math.log(p);
    }

    /** The index in order {@code length} of {@code seq[from .. from+length-1]}, or -1 if never seen. */
    private int indexOf(int[] seq, int from, int length) {
        int index = counts.table(1).get(seq[from]);
        for (int k = 1; k < length && index >= 0; k++) {
            index = counts.table(k + 1).get((long) index * vocabSize + seq[from + k]);
        }
        return index;
    }
}
