package org.babylab.api.curriculum;

import java.util.List;
import java.util.Map;

/**
 * One phase of a curriculum.
 *
 * @param name a name unique within the curriculum, shown in plans (by convention the datasets it
 *     draws from, joined by {@code +})
 * @param datasets names of the datasets this phase draws from, non-empty, no duplicates
 * @param weights sampling weight per dataset name (may be empty: proportional to size)
 * @param epochs passes over the phase's data, or null for the stage's default
 */
public record CurriculumPhase(String name, List<String> datasets, Map<String, Double> weights, Integer epochs) {
    public CurriculumPhase {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a curriculum phase needs a name");
        }
        if (datasets == null || datasets.isEmpty()) {
            throw new IllegalArgumentException("curriculum phase '" + name + "' needs at least one dataset");
        }
        datasets = List.copyOf(datasets);
        if (datasets.stream().distinct().count() != datasets.size()) {
            throw new IllegalArgumentException("curriculum phase '" + name + "' names a dataset twice: " + datasets);
        }
        weights = weights == null ? Map.of() : Map.copyOf(weights);
        for (Map.Entry<String, Double> w : weights.entrySet()) {
            if (!datasets.contains(w.getKey())
                    || w.getValue() == null
                    || !(w.getValue() >= 0)
                    || w.getValue().isInfinite()) {
                throw new IllegalArgumentException(
                        "curriculum phase '" + name + "' weight " + w.getKey() + "=" + w.getValue()
                                + " is invalid: weights are finite numbers >= 0 for the phase's datasets " + datasets);
            }
        }
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("curriculum phase '" + name + "' epochs must be >= 1, got " + epochs);
        }
    }
}
