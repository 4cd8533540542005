package org.babylab.plugins.instruct.curriculum;

import java.util.List;
import org.babylab.api.config.Doc;
import org.babylab.api.config.Required;

/**
 * Configuration of the {@code sequential} curriculum.
 *
 * @param phases the phases in training order, non-empty
 */
@Doc(
        "Phases in order, each its own step (and checkpoint) with its own epochs; the stage restarts its schedule per phase.")
public record SequentialConfig(
        @Required @Doc("The phases in order: a dataset name, or {datasets, epochs, proportions}.")
        List<PhaseSpec> phases) {

    public SequentialConfig {
        if (phases == null || phases.isEmpty()) {
            throw new IllegalArgumentException("phases must list at least one phase, e.g. [switchboard, wiki]");
        }
        for (PhaseSpec p : phases) {
            if (p == null) {
                throw new IllegalArgumentException("phases must not hold empty entries, got " + phases);
            }
        }
        phases = List.copyOf(phases);
    }
}
