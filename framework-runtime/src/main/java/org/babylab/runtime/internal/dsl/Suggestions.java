package org.babylab.runtime.internal.dsl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * "Did you mean" suggestions by optimal-string-alignment (restricted Damerau-Levenshtein) distance,
 * so that a transposition ({@code trian}) counts as one typo. Stateless and thread-safe.
 */
final class Suggestions {
    private Suggestions() {}

    /**
     * The candidates closest to {@code input}, best first: at distance 1 for inputs of up to four
     * characters, else at most 2 (case ignored); an empty list when nothing is that close.
     */
    static List<String> closest(String input, Collection<String> candidates) {
        String in = input.toLowerCase(Locale.ROOT);
        int limit = in.length() <= 4 ? 1 : 2;
        int best = Integer.MAX_VALUE;
        List<String> out = new ArrayList<>();
        for (String c : candidates) {
            int d = distance(in, c.toLowerCase(Locale.ROOT));
            if (d > limit || d > best) {
                continue;
            }
            if (d < best) {
                best = d;
                out.clear();
            }
            out.add(c);
        }
        return out;
    }

    /**
     * A hint such as {@code did you mean 'order'? valid keys: order, train_on}.
     *
     * @param what how to introduce the list, e.g. {@code "valid keys"} or {@code "known dataset types"}
     */
    static String hint(String input, Collection<String> candidates, String what) {
        List<String> close = input == null ? List.of() : closest(input, candidates);
        String list = candidates.isEmpty() ? what + ": (none)" : what + ": " + String.join(", ", candidates);
        if (close.isEmpty()) {
            return list;
        }
        return "did you mean '" + String.join("' or '", close) + "'? " + list;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
