package org.babylab.plugins.core.ngram;

import java.util.Arrays;
import java.util.BitSet;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.babylab.api.step.ProgressReporter;

/**
 * The n-grams of orders 1..N of a corpus with their Kneser-Ney <em>adjusted</em> counts: everything
 * a {@link KneserNeyModel} is computed from, and everything {@link NgramFile} stores.
 *
 * <p>N-grams are numbered per order by a {@link LongIndex}. A unigram's key is its word id; an
 * n-gram's key is {@code index(its first n-1 words) * vocabSize + last word}, i.e. a trie edge. Since
 * indices are below 2^31 and ids below 2^31 the key fits a {@code long} whatever the vocabulary or
 * order, which packing n word ids side by side would not.
 *
 * <p>Adjusted counts (Chen &amp; Goodman; KenLM): an n-gram of the highest order, or one that starts
 * with {@code <s>} (nothing can precede it), keeps its raw count; any other n-gram's count is the
 * number of distinct words seen immediately before it (its continuation count).
 *
 * <p>Immutable after construction; safe for concurrent reads.
 */
final class NgramCounts {
    private final int order;
    private final int vocabSize;
    /** {@code tables[n]} numbers the n-grams of order n; index 0 unused. */
    private final LongIndex[] tables;
    /** {@code adjusted[n][i]} is the adjusted count of n-gram {@code i} of order n. */
    private final int[][] adjusted;

    NgramCounts(int order, int vocabSize, LongIndex[] tables, int[][] adjusted) {
        this.order = order;
        this.vocabSize = vocabSize;
        this.tables = tables;
        this.adjusted = adjusted;
    }

    /**
     * Counts every n-gram of orders 1..{@code order} in {@code corpus}: token ids of padded sentences
     * ({@code <s> w1 .. wk </s>}) laid end to end, each sentence starting with {@link WordTokenizer#BOS}
     * and ending with {@link WordTokenizer#EOS}. N-grams never span two sentences.
     *
     * @throws CancellationException when {@code cancelled} turns true
     */
    static NgramCounts count(
            int[] corpus, int length, int order, int vocabSize, ProgressReporter progress, BooleanSupplier cancelled) {
        LongIndex[] tables = new LongIndex[order + 1];
        int[][] raw = new int[order + 1][];
        int expected = Math.max(16, Math.min(length, 1 << 20));
        for (int n = 1; n <= order; n++) {
            tables[n] = new LongIndex(n == 1 ? Math.min(vocabSize, expected) : expected);
            raw[n] = new int[n == 1 ? Math.min(vocabSize, expected) : expected];
        }
        progress.start("count n-grams", "tokens", length);
        for (int i = 0; i < length; i++) {
            // Every n-gram starting at i and ending inside the sentence, built by extending its prefix.
            int prefix = -1;
            for (int n = 1; n <= order && i + n - 1 < length; n++) {
                int w = corpus[i + n - 1];
                if (n > 1 && w == WordTokenizer.BOS) {
                    break; // the next sentence
                }
                long key = n == 1 ? w : (long) prefix * vocabSize + w;
                int index = tables[n].add(key);
                if (index == raw[n].length) {
                    raw[n] = Arrays.copyOf(raw[n], Math.max(16, (int)
                            Math.min(Integer.MAX_VALUE - 8L, raw[n].length * 2L)));
                }
                raw[n][index]++;
                prefix = index;
                if (w == WordTokenizer.EOS) {
                    break;
                }
            }
            if ((i & 0xFFFF) == 0xFFFF) {
                progress.advance(0x10000);
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("n-gram counting cancelled at token " + i + " of " + length);
                }
            }
        }
        progress.advance(length & 0xFFFF);
        for (int n = 1; n <= order; n++) {
            tables[n].trim();
        }
        return new NgramCounts(order, vocabSize, tables, adjust(tables, raw, order, vocabSize));
    }

    /** Turns raw counts into adjusted counts (the highest order's are its raw counts). */
    private static int[][] adjust(LongIndex[] tables, int[][] raw, int order, int vocabSize) {
        int[][] adjusted = new int[order + 1][];
        adjusted[order] = Arrays.copyOf(raw[order], tables[order].size());
        BitSet[] startsWithBos = startsWithBos(tables, order, vocabSize);
        int[] suffixes = null; // of order n: index in order n-1 of the n-gram without its first word
        for (int n = 1; n < order; n++) {
            suffixes = suffixes(tables, n + 1, suffixes, vocabSize);
            int[] continuation = new int[tables[n].size()];
            for (int suffix : suffixes) {
                continuation[suffix]++;
            }
            for (int i = startsWithBos[n].nextSetBit(0); i >= 0; i = startsWithBos[n].nextSetBit(i + 1)) {
                continuation[i] = raw[n][i];
            }
            adjusted[n] = continuation;
        }
        return adjusted;
    }

    /** For each n-gram of order {@code n}: whether its first word is {@code <s>}. */
    private static BitSet[] startsWithBos(LongIndex[] tables, int order, int vocabSize) {
        BitSet[] bos = new BitSet[order + 1];
        for (int n = 1; n <= order; n++) {
            LongIndex t = tables[n];
            BitSet b = new BitSet(t.size());
            for (int i = 0; i < t.size(); i++) {
                boolean starts = n == 1 ? t.key(i) == WordTokenizer.BOS : bos[n - 1].get((int) (t.key(i) / vocabSize));
                if (starts) {
                    b.set(i);
                }
            }
            bos[n] = b;
        }
        return bos;
    }

    /**
     * For each n-gram of order {@code n >= 2}, the index in order {@code n-1} of the same n-gram
     * without its first word: the suffix of (prefix, w) is (suffix of prefix, w), so order n's
     * suffixes follow from order n-1's ({@code lowerSuffixes}, null when {@code n == 2}).
     */
    private static int[] suffixes(LongIndex[] tables, int n, int[] lowerSuffixes, int vocabSize) {
        LongIndex t = tables[n];
        int[] suffixes = new int[t.size()];
        for (int i = 0; i < t.size(); i++) {
            long key = t.key(i);
            int prefix = (int) (key / vocabSize);
            int w = (int) (key % vocabSize);
            long suffixKey = n == 2 ? w : (long) lowerSuffixes[prefix] * vocabSize + w;
            int s = tables[n - 1].get(suffixKey);
            if (s < 0) {
                throw new IllegalStateException(
                        "n-gram table is inconsistent: the suffix of order-" + n + " n-gram " + i + " is missing");
            }
            suffixes[i] = s;
        }
        return suffixes;
    }

    int order() {
        return order;
    }

    int vocabSize() {
        return vocabSize;
    }

    /** The n-grams of order {@code n}, {@code 1 <= n <= order()}. */
    LongIndex table(int n) {
        return tables[n];
    }

    /** The adjusted counts of order {@code n}, indexed like {@link #table(int)}. */
    int[] adjusted(int n) {
        return adjusted[n];
    }
}
