package org.babylab.api.curriculum;

import java.util.List;
import java.util.Map;

/**
 * One phase of a curriculum.
 *
 * @param name a name unique within the curriculum, shown in plans
 * @param datasets names of the datasets this phase draws from, non-empty
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
        weights = weights == null ? Map.of() : Map.copyOf(weights);
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("curriculum phase '" + name + "' epochs must be >= 1, got " + epochs);
        }
    }
}
