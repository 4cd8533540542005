package org.babylab.runtime.internal.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.babylab.runtime.Problem;
import org.babylab.runtime.SourceLocation;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.model.ExperimentDefinition;

/**
 * What planning one experiment has found so far, shared by the planner's parts: the step drafts and
 * sources by key, each trial's steps, and the problems (each distinct one reported once, as every
 * trial re-resolves the declarations it shares with others).
 */
final class PlanningState {
    final ExperimentDefinition def;
    final List<Problem> problems = new ArrayList<>();
    final Map<String, StepDraft> drafts = new LinkedHashMap<>();
    final Map<String, PlannedSource> sources = new LinkedHashMap<>();
    final Map<String, List<String>> trialSteps = new LinkedHashMap<>();
    private final Set<String> reported = new HashSet<>();

    PlanningState(ExperimentDefinition def) {
        this.def = def;
    }

    /** Reports a problem at {@code at}'s declaration, once. */
    void problem(ComponentDecl at, String message, String hint) {
        problem(at.location(), message, hint);
    }

    /** Reports a problem at {@code where}, once. */
    void problem(SourceLocation where, String message, String hint) {
        if (reported.add(where + message)) {
            problems.add(Problem.error(where, message, hint));
        }
    }
}
