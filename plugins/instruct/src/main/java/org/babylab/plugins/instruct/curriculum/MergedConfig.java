package org.babylab.plugins.instruct.curriculum;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;

/**
 * Configuration of the {@code merged} curriculum: one phase, every dataset shuffled together.
 *
 * @param datasets the datasets mixed, non-empty
 * @param proportions optional sampling weights per dataset; empty mixes by size
 * @param epochs passes over the mixture; default 1
 */
@Doc("One shuffled mixture of datasets, optionally in given proportions.")
public record MergedConfig(
        @Required
        @Ref(ComponentKind.DATASET)
        @Doc("The datasets to mix.")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> datasets,

        @Doc(
                "Sampling weight per dataset, e.g. {switchboard: 1, wiki: 1}; each epoch keeps the total size. Unset mixes by size.")
        Map<String, Double> proportions,

        @Doc("Passes over the mixture, each shuffled anew; default 1.")
        Integer epochs) {

    public MergedConfig {
        if (datasets == null || datasets.isEmpty()) {
            throw new IllegalArgumentException("datasets must name at least one dataset, e.g. [switchboard, wiki]");
        }
        datasets = List.copyOf(datasets);
        if (datasets.stream().distinct().count() != datasets.size()) {
            throw new IllegalArgumentException("datasets names a dataset twice: " + datasets);
        }
        proportions = checkProportions(datasets, proportions);
        epochs = epochs == null ? 1 : epochs;
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
    }

    /** Empty, or one finite weight >= 0 per dataset with a positive sum. */
    static Map<String, Double> checkProportions(List<String> datasets, Map<String, Double> proportions) {
        if (proportions == null || proportions.isEmpty()) {
            return Map.of();
        }
        if (!proportions.keySet().equals(new java.util.HashSet<>(datasets))) {
            throw new IllegalArgumentException("proportions must give a weight to exactly the datasets " + datasets
                    + ", got " + proportions.keySet());
        }
        double sum = 0;
        for (Map.Entry<String, Double> e : proportions.entrySet()) {
            Double w = e.getValue();
            if (w == null || !(w >= 0) || w.isInfinite()) {
                throw new IllegalArgumentException(
                        "proportions." + e.getKey() + " must be a finite number >= 0, got " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException(
                    "proportions must give at least one dataset a positive weight, got " + proportions);
        }
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(proportions));
    }
}
