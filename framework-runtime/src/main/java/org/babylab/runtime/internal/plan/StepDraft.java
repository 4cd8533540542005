package org.babylab.runtime.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.Trial;
import org.babylab.runtime.internal.store.KeyDocument;

/** A step under construction: trials accumulate as more trials reach the same key; the planner makes it a {@link PlannedStep} at the end. */
final class StepDraft {
    final String key;
    final ComponentDecl decl;
    final String baseName;
    final Map<String, String> inputs;
    final List<String> dependsOn;
    final KeyDocument document;
    final ComponentDecl family;
    final String evaluates;
    final PhasePlan phase;
    KeptPlan kept;
    final List<Trial> trials = new ArrayList<>();

    StepDraft(
            String key,
            ComponentDecl decl,
            String baseName,
            Map<String, String> inputs,
            List<String> dependsOn,
            KeyDocument document,
            ComponentDecl family,
            String evaluates,
            PhasePlan phase) {
        this.key = key;
        this.decl = decl;
        this.baseName = baseName;
        this.inputs = inputs;
        this.dependsOn = dependsOn;
        this.document = document;
        this.family = family;
        this.evaluates = evaluates;
        this.phase = phase;
    }
}
