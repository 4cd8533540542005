package org.babylab.runtime.internal.plan;

import java.util.Map;
import org.babylab.runtime.internal.model.ComponentDecl;

/** How the parts of the planner add steps for the trial being planned. */
interface StepDrafter {
    /**
     * Creates or joins the step for {@code decl} with these inputs and this keyed config.
     *
     * @return the draft, or null after reporting a problem
     */
    StepDraft draft(
            ComponentDecl decl,
            Map<String, String> inputs,
            ComponentDecl family,
            String evaluates,
            String baseName,
            Map<String, Object> config,
            PhasePlan phase);

    /** Marks a step and, transitively, its dependencies as needed by the trial. */
    void markUsed(String key);

    /** The seed a step of {@code decl} is keyed by in the trial. */
    long stepSeed(ComponentDecl decl);
}
