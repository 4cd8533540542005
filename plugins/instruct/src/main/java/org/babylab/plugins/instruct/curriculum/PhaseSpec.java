package org.babylab.plugins.instruct.curriculum;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;
import java.util.Map;
import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;

/**
 * One phase of a {@code sequential} curriculum: a dataset name alone ({@code - switchboard}) or a
 * mapping {@code {datasets, epochs, proportions}}.
 *
 * @param datasets the datasets the phase mixes, non-empty
 * @param epochs passes over the phase's data; default 1
 * @param proportions optional sampling weights per dataset; empty mixes by size
 */
public record PhaseSpec(
        @Doc("The datasets this phase mixes.")
        @Ref(ComponentKind.DATASET)
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> datasets,

        @Doc("Passes over this phase's data; default 1.") Integer epochs,

        @Doc("Sampling weight per dataset (e.g. {switchboard: 1, wiki: 1}); unset mixes by size.")
        Map<String, Double> proportions) {

    @JsonCreator
    public PhaseSpec {
        if (datasets == null || datasets.isEmpty()) {
            throw new IllegalArgumentException(
                    "a phase needs 'datasets' (one name or a list), e.g. {datasets: [switchboard], epochs: 2}");
        }
        datasets = List.copyOf(datasets);
        epochs = epochs == null ? 1 : epochs;
        if (epochs < 1) {
            throw new IllegalArgumentException("phase epochs must be >= 1, got " + epochs);
        }
        proportions = MergedConfig.checkProportions(datasets, proportions);
    }

    /** A phase written as a bare dataset name. */
    @JsonCreator
    public static PhaseSpec of(String dataset) {
        return new PhaseSpec(List.of(dataset), null, null);
    }
}
