package org.babylab.toolkit.choice;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Combines per-group metric maps (as {@link AccuracyTally#metrics} makes them) into the metrics of
 * their union: rates are averaged with equal weight per group (the pipeline's mean over UIDs),
 * counts are summed. Nesting it gives two-level averages such as entity tracking's
 * numops-within-file-then-files. Stateless.
 */
public final class GroupMetrics {
    /** Keys that are counts, summed rather than averaged. */
    private static final Set<String> COUNTS = Set.of("ties", "ties_length_normalised", "items");

    private GroupMetrics() {}

    /**
     * The unweighted mean of each rate and the sum of each count over {@code groups}; keys are taken
     * from the first group.
     *
     * @param groups at least one metric map, all with the same keys
     */
    public static Map<String, Double> macro(Collection<Map<String, Double>> groups) {
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("no group to average: the data held no item");
        }
        List<Map<String, Double>> list = List.copyOf(groups);
        Map<String, Double> out = new LinkedHashMap<>();
        for (String key : list.get(0).keySet()) {
            double sum = 0;
            for (Map<String, Double> g : list) {
                sum += g.get(key);
            }
            out.put(key, COUNTS.contains(key) ? sum : sum / list.size());
        }
        return out;
    }

    /** {@link #macro} over the tallies' metrics plus {@code accuracy_micro}, the item-weighted accuracy. */
    public static Map<String, Double> overall(Map<String, AccuracyTally> tallies, TieRule rule) {
        Map<String, Double> out =
                macro(tallies.values().stream().map(t -> t.metrics(rule)).toList());
        AccuracyTally all = new AccuracyTally();
        tallies.values().forEach(all::merge);
        out.put("accuracy_micro", all.accuracy(rule));
        return out;
    }
}
