package org.babylab.api.curriculum;

import java.util.List;

/**
 * A schedule over datasets for a training stage. A curriculum is split into phases; the runtime plans
 * each phase as its own step, so curricula that share their first phases share those checkpoints.
 */
public interface Curriculum {

    /** The phases in training order; never empty. */
    List<CurriculumPhase> phases();
}
