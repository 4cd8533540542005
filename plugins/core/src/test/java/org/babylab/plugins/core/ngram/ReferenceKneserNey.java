package org.babylab.plugins.core.ngram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately naive interpolated modified Kneser-Ney, written straight from the formulas with
 * maps keyed by word lists, to cross-check the packed-key tables of {@link NgramCounts} and
 * {@link KneserNeyModel} on random corpora. Slow; for tests only.
 */
final class ReferenceKneserNey {
    private final int order;
    private final int vocabSize;
    private final Map<List<Integer>, Integer> adjusted = new HashMap<>();
    private final Discounts[] discounts;

    ReferenceKneserNey(List<int[]> paddedSentences, int order, int vocabSize) {
        this.order = order;
        this.vocabSize = vocabSize;
        Map<List<Integer>, Integer> raw = new HashMap<>();
        Map<List<Integer>, Set<Integer>> leftNeighbours = new HashMap<>();
        for (int[] s : paddedSentences) {
            for (int i = 0; i < s.length; i++) {
                for (int n = 1; n <= order && i + n <= s.length; n++) {
                    List<Integer> g = slice(s, i, n);
                    raw.merge(g, 1, Integer::sum);
                    if (i > 0) {
                        leftNeighbours.computeIfAbsent(g, k -> new HashSet<>()).add(s[i - 1]);
                    }
                }
            }
        }
        for (Map.Entry<List<Integer>, Integer> e : raw.entrySet()) {
            List<Integer> g = e.getKey();
            boolean keepsRaw = g.size() == order || g.get(0) == WordTokenizer.BOS;
            adjusted.put(
                    g,
                    keepsRaw
                            ? e.getValue()
                            : leftNeighbours.getOrDefault(g, Set.of()).size());
        }
        discounts = new Discounts[order + 1];
        for (int n = 1; n <= order; n++) {
            long[] t = new long[5];
            for (Map.Entry<List<Integer>, Integer> e : adjusted.entrySet()) {
                if (e.getKey().size() == n
                        && !(n == 1 && e.getKey().get(0) == WordTokenizer.BOS)
                        && e.getValue() <= 4) {
                    t[e.getValue()]++;
                }
            }
            discounts[n] = Discounts.fromCountOfCounts(t[1], t[2], t[3], t[4]);
        }
    }

    double probability(List<Integer> context, int w) {
        if (w == WordTokenizer.BOS) {
            return 0;
        }
        double p = 1.0 / (vocabSize - 1);
        List<Integer> h =
                context.size() > order - 1 ? context.subList(context.size() - order + 1, context.size()) : context;
        for (int n = 1; n <= h.size() + 1; n++) {
            List<Integer> ctx = h.subList(h.size() - (n - 1), h.size());
            long total = 0;
            long[] byCount = new long[4];
            for (int x = 0; x < vocabSize; x++) {
                if (n == 1 && x == WordTokenizer.BOS) {
                    continue;
                }
                int a = adjusted.getOrDefault(append(ctx, x), 0);
                total += a;
                if (a > 0) {
                    byCount[Math.min(a, 3)]++;
                }
            }
            if (total == 0) {
                break;
            }
            Discounts d = discounts[n];
            double gamma = (d.d1() * byCount[1] + d.d2() * byCount[2] + d.d3() * byCount[3]) / total;
            int a = adjusted.getOrDefault(append(ctx, w), 0);
            p = (a > 0 ? (a - d.forCount(a)) / total : 0) + gamma * p;
        }
        return p;
    }

    Discounts discounts(int n) {
        return discounts[n];
    }

    private static List<Integer> slice(int[] s, int from, int n) {
        List<Integer> g = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            g.add(s[from + k]);
        }
        return g;
    }

    private static List<Integer> append(List<Integer> ctx, int w) {
        List<Integer> g = new ArrayList<>(ctx);
        g.add(w);
        return g;
    }
}
