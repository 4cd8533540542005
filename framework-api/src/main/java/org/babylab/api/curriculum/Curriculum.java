package org.babylab.api.curriculum;

import java.util.List;
import java.util.Map;

/**
 * A schedule over datasets for a training stage, split into phases. The runtime plans each phase as
 * its own step, chained (phase k starts from the model phase k-1 produced), so curricula that share
 * their first phases share those checkpoints.
 *
 * <p>The exact order of examples of a phase is its {@link OrderManifest}. It must be a function of
 * the phase index, the sizes of the phase's datasets and the seed only (never of later phases, the
 * curriculum's name or the clock): the runtime hashes it into the phase step's key, so two
 * curricula whose first phases yield equal manifests share that step. Implementations are immutable
 * and thread-safe.
 */
public interface Curriculum {

    /** The phases in training order; never empty. */
    List<CurriculumPhase> phases();

    /**
     * The order of examples of phase {@code phase}.
     *
     * @param phase 0-based index into {@link #phases()}
     * @param sizes the number of records of each of the phase's datasets, by dataset name (every
     *     name of {@link CurriculumPhase#datasets()} is present)
     * @param seed the seed to shuffle with; the runtime derives it from the experiment seed, the
     *     stage and the phase index, not from the curriculum's name
     * @throws IllegalArgumentException if the sizes do not allow the schedule (e.g. an empty dataset)
     */
    OrderManifest order(int phase, Map<String, Integer> sizes, long seed);
}
