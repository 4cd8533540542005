package org.babylab.api.step;

import org.babylab.api.curriculum.CurriculumPhase;
import org.babylab.api.curriculum.OrderManifest;

/**
 * What a training stage that follows a curriculum is told about the phase one of its steps runs.
 * The runtime plans one step per phase: phase 1 starts from the stage's {@code from} model, phase k
 * from phase k-1's output, and {@code context.inputs().model(from)} returns that start. The phase's
 * datasets are inputs by name ({@code context.inputs().dataset(name)}); train on exactly
 * {@link #order()}, in that order, and restart the learning-rate schedule at each phase.
 *
 * @param curriculum the declared name of the curriculum (for logs only: it is not part of the
 *     step's key, since curricula with equal first phases share them)
 * @param phase the phase: datasets, weights, epochs (null: the stage's default)
 * @param index 0-based position of the phase in the curriculum
 * @param count how many phases the curriculum has
 * @param order the exact order of examples, all epochs; its hash is part of the step key
 */
public record PhaseContext(String curriculum, CurriculumPhase phase, int index, int count, OrderManifest order) {
    public PhaseContext {
        if (curriculum == null || phase == null || order == null) {
            throw new IllegalArgumentException("curriculum, phase and order are required");
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("phase index " + index + " is outside 0.." + (count - 1));
        }
    }

    /** True for the curriculum's last phase, whose output the stage's name refers to. */
    public boolean isLast() {
        return index == count - 1;
    }

    /** {@code "phase 2/3 (wiki)"}, for logs. */
    public String label() {
        return "phase " + (index + 1) + "/" + count + " (" + phase.name() + ")";
    }
}
