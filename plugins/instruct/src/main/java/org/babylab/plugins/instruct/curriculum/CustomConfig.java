package org.babylab.plugins.instruct.curriculum;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.HashSet;
import java.util.List;
import org.babylab.api.ComponentKind;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Ref;
import org.babylab.api.config.Required;

/**
 * Configuration of the {@code custom} curriculum: one phase whose dataset mix follows a schedule.
 *
 * @param datasets the datasets the schedule draws from
 * @param schedule how the mix moves over the examples
 * @param examples how many examples the phase has; null for the datasets' total size times {@code epochs}
 * @param epochs with {@code examples} unset, how many times the datasets' total size; default 1
 */
@Doc(
        "One phase whose dataset mix follows a schedule over training steps: linear from one dataset to another, or a fixed interleave ratio.")
public record CustomConfig(
        @Required
        @Ref(ComponentKind.DATASET)
        @Doc("The datasets the schedule draws from.")
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<String> datasets,

        @Required @Doc("The schedule: {type: linear, from: a, to: b} or {type: interleave, ratio: {a: 3, b: 1}}.")
        ScheduleSpec schedule,

        @Doc("How many examples the phase has; unset: the datasets' total size times epochs.")
        Integer examples,

        @Doc("With examples unset, the length in multiples of the datasets' total size; default 1.")
        Integer epochs) {

    public CustomConfig {
        if (datasets == null || datasets.isEmpty()) {
            throw new IllegalArgumentException(
                    "datasets must name the datasets the schedule draws from, e.g. [switchboard, wiki]");
        }
        datasets = List.copyOf(datasets);
        if (datasets.stream().distinct().count() != datasets.size()) {
            throw new IllegalArgumentException("datasets names a dataset twice: " + datasets);
        }
        if (schedule == null) {
            throw new IllegalArgumentException(
                    "schedule is required, e.g. {type: linear, from: switchboard, to: wiki}");
        }
        if (schedule.type() == ScheduleType.LINEAR) {
            if (!new HashSet<>(datasets).equals(new HashSet<>(List.of(schedule.from(), schedule.to())))) {
                throw new IllegalArgumentException("a linear schedule moves between exactly the datasets " + datasets
                        + ", so from/to must be those two, got from=" + schedule.from() + ", to=" + schedule.to());
            }
        } else if (!schedule.ratio().keySet().equals(new HashSet<>(datasets))) {
            throw new IllegalArgumentException("schedule.ratio must give a count to exactly the datasets " + datasets
                    + ", got " + schedule.ratio().keySet());
        }
        if (examples != null && examples < 1) {
            throw new IllegalArgumentException(
                    "examples must be >= 1 (or unset for the datasets' size), got " + examples);
        }
        if (examples != null && epochs != null) {
            throw new IllegalArgumentException("give examples or epochs, not both: examples fixes the length outright");
        }
        epochs = epochs == null ? 1 : epochs;
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
    }
}
