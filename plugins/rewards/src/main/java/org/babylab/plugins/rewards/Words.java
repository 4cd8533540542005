package org.babylab.plugins.rewards;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Whitespace word splitting and n-gram counting shared by the overlap rewards. Stateless. */
final class Words {
    private Words() {}

    /** The whitespace-separated words of {@code text}, lower-cased when asked. */
    static List<String> split(String text, boolean lowercase) {
        String t = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>();
        for (String w : t.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /** Counts of the n-grams of {@code items} (joined with a separator no word contains). */
    static Map<String, Integer> ngrams(List<String> items, int n) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + n <= items.size(); i++) {
            counts.merge(String.join("\u0000", items.subList(i, i + n)), 1, Integer::sum);
        }
        return counts;
    }

    /** The references of a request, or an error naming the reward when there are none. */
    static List<String> references(org.babylab.api.reward.RewardRequest r, String reward) {
        if (r.references().isEmpty()) {
            throw new IllegalArgumentException("reward " + reward
                    + " compares the response with references, but the request for prompt '" + abbreviate(r.prompt())
                    + "' has none; give the stage's data a reference field (e.g. reference_fields: [chosen])");
        }
        return r.references();
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
