package org.babylab.api.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The aggregate outcome of one evaluation.
 *
 * @param primaryMetric the name of the metric that results tables show first, a key of {@code metrics};
 *     its value must be finite: the runtime fails an evaluation whose primary metric is NaN or
 *     infinite (since API 0.5) rather than cache it as a result
 * @param metrics overall metrics by name, e.g. {@code accuracy -> 0.81}, {@code ties -> 3}; insertion order is kept
 * @param groups per-group metrics (per BLiMP UID, per EWoK domain, ...) by group name then metric name; may be empty
 * @param items how many items were scored
 */
public record EvaluationResult(
        String primaryMetric, Map<String, Double> metrics, Map<String, Map<String, Double>> groups, long items) {
    public EvaluationResult {
        if (primaryMetric == null || metrics == null || !metrics.containsKey(primaryMetric)) {
            throw new IllegalArgumentException("primaryMetric '" + primaryMetric + "' must be one of the metrics "
                    + (metrics == null ? "{}" : metrics.keySet()));
        }
        if (items < 0) {
            throw new IllegalArgumentException("items must be >= 0, got " + items);
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        if (groups != null) {
            groups.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        }
        groups = Collections.unmodifiableMap(copy);
    }

    /** The value of {@link #primaryMetric()}. */
    public double primary() {
        return metrics.get(primaryMetric);
    }
}
