package org.babylab.runtime.internal.plan;

import java.util.Map;
import org.babylab.api.curriculum.CurriculumPhase;
import org.babylab.api.curriculum.OrderManifest;
import org.babylab.api.step.PhaseContext;

/**
 * The curriculum phase a stage step trains, fixed at plan time: the planner expands a stage whose
 * config references a curriculum into one step per phase, chained. Immutable.
 *
 * @param curriculum the declared name of the curriculum of the trial that first planned the step
 *     (another trial may share the step under another curriculum with the same phase)
 * @param phase the phase as the curriculum describes it
 * @param index 0-based position of the phase
 * @param count the number of phases of that curriculum
 * @param order the exact order of examples; its hash is in the step's key document
 * @param datasets the phase's datasets by name to their fingerprints
 */
public record PhasePlan(
        String curriculum,
        CurriculumPhase phase,
        int index,
        int count,
        OrderManifest order,
        Map<String, String> datasets) {
    /** The config key under which a phase step's key document carries the phase descriptor. */
    public static final String KEY_FIELD = "@phase";
    /** The descriptor field holding {@link OrderManifest#hash()}. */
    public static final String ORDER_FIELD = "order_manifest";

    public PhasePlan {
        if (curriculum == null || phase == null || order == null) {
            throw new IllegalArgumentException("curriculum, phase and order are required");
        }
        datasets = Map.copyOf(datasets);
    }

    /** What the running stage is told. */
    public PhaseContext context() {
        return new PhaseContext(curriculum, phase, index, count, order);
    }

    /** {@code phase 1/2 (switchboard)}. */
    public String label() {
        return context().label();
    }
}
