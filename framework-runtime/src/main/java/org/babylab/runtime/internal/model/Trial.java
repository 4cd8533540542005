package org.babylab.runtime.internal.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.babylab.api.ComponentKind;
import org.babylab.runtime.SourceLocation;

/**
 * One point of the sweep (the only one when there is no sweep): every component resolved with the
 * sweep variables of this point.
 *
 * @param sweepValues the sweep variables and their values at this point, in axis order; empty without a sweep
 * @param components every declared component of this trial (datasets, tokenizers, models, curricula,
 *     stages and evaluators), in declaration order
 * @param evaluateOn names of models or stages every evaluator is applied to, as written in {@code evaluate.on}
 *     (a stage's kept checkpoints as {@code stage@name} or {@code stage@*})
 * @param evaluateOnLocations where each name of {@code evaluateOn} is written, for problems found at
 *     plan time (an unknown checkpoint name); may miss names (then problems point at the evaluator)
 */
public record Trial(
        Map<String, Object> sweepValues,
        List<ComponentDecl> components,
        List<String> evaluateOn,
        Map<String, SourceLocation> evaluateOnLocations) {
    public Trial {
        sweepValues = sweepValues == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sweepValues));
        components = List.copyOf(components);
        evaluateOn = evaluateOn == null ? List.of() : List.copyOf(evaluateOn);
        evaluateOnLocations = evaluateOnLocations == null ? Map.of() : Map.copyOf(evaluateOnLocations);
    }

    /** A trial whose {@code evaluate.on} names have no recorded locations. */
    public Trial(Map<String, Object> sweepValues, List<ComponentDecl> components, List<String> evaluateOn) {
        this(sweepValues, components, evaluateOn, Map.of());
    }

    /** The component of {@code kind} called {@code name}, if declared. */
    public Optional<ComponentDecl> find(ComponentKind kind, String name) {
        return components.stream()
                .filter(c -> c.kind() == kind && c.name().equals(name))
                .findFirst();
    }

    /** All components of one kind, in declaration order. */
    public List<ComponentDecl> ofKind(ComponentKind kind) {
        return components.stream().filter(c -> c.kind() == kind).toList();
    }

    /** The name of the sweep axis that sets a trial's seed ({@code sweep: {seed: [1, 2, 3]}}). */
    public static final String SEED_AXIS = "seed";

    /**
     * The seed of this trial: its {@code seed} sweep value when the sweep has a {@code seed} axis
     * (the loader checks that its values are integers), else {@code experimentSeed}.
     */
    public long seed(long experimentSeed) {
        return sweepValues.get(SEED_AXIS) instanceof Number n ? n.longValue() : experimentSeed;
    }

    /** A short label such as {@code model=llama100m,curriculum=merged}, or {@code base} without a sweep. */
    public String label() {
        if (sweepValues.isEmpty()) {
            return "base";
        }
        StringBuilder sb = new StringBuilder();
        sweepValues.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }
}
