package org.babylab.plugins.instruct.curriculum;

import java.util.LinkedHashMap;
import java.util.Map;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;

/**
 * A {@code custom} curriculum's schedule over its examples (training steps are consecutive runs of
 * them, so a schedule over examples is one over steps at the finest grain).
 *
 * @param type linear or interleave
 * @param from linear: the dataset the schedule starts with
 * @param to linear: the dataset the schedule moves to
 * @param start linear: the share of {@code to} at the first example; default 0
 * @param end linear: the share of {@code to} at the last example; default 1
 * @param ratio interleave: how many consecutive examples each dataset gets per round, each >= 1
 */
public record ScheduleSpec(
        @Required @Doc("linear (weights move from one dataset to another) or interleave (a fixed repeating ratio).")
        ScheduleType type,

        @Doc("linear: the dataset the schedule starts from.")
        String from,

        @Doc("linear: the dataset the schedule moves to.") String to,

        @Doc("linear: the share of 'to' at the first example, in [0, 1]; default 0.")
        Double start,

        @Doc("linear: the share of 'to' at the last example, in [0, 1]; default 1.")
        Double end,

        @Doc("interleave: consecutive examples per dataset per round, e.g. {switchboard: 3, wiki: 1}.")
        Map<String, Integer> ratio) {

    public ScheduleSpec {
        if (type == null) {
            throw new IllegalArgumentException("schedule.type is required: linear or interleave");
        }
        if (type == ScheduleType.LINEAR) {
            if (from == null || to == null || from.equals(to)) {
                throw new IllegalArgumentException(
                        "a linear schedule needs two different datasets 'from' and 'to', got from=" + from + ", to="
                                + to);
            }
            start = start == null ? 0.0 : start;
            end = end == null ? 1.0 : end;
            if (!(start >= 0 && start <= 1) || !(end >= 0 && end <= 1)) {
                throw new IllegalArgumentException(
                        "schedule start and end are shares of 'to' in [0, 1], got start=" + start + ", end=" + end);
            }
            if (ratio != null && !ratio.isEmpty()) {
                throw new IllegalArgumentException("schedule.ratio belongs to interleave schedules, not linear ones");
            }
            ratio = Map.of();
        } else {
            if (ratio == null || ratio.isEmpty()) {
                throw new IllegalArgumentException(
                        "an interleave schedule needs 'ratio', e.g. {switchboard: 3, wiki: 1}");
            }
            for (Map.Entry<String, Integer> e : ratio.entrySet()) {
                if (e.getValue() == null || e.getValue() < 1) {
                    throw new IllegalArgumentException(
                            "schedule.ratio." + e.getKey() + " must be an integer >= 1, got " + e.getValue());
                }
            }
            if (from != null || to != null || start != null || end != null) {
                throw new IllegalArgumentException(
                        "from, to, start and end belong to linear schedules; interleave takes only 'ratio'");
            }
            ratio = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ratio));
        }
    }
}
