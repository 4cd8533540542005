package org.babylab.plugins.instruct.curriculum;

import java.util.List;
import java.util.Map;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.curriculum.CurriculumPhase;
import org.babylab.api.curriculum.OrderManifest;

/** One phase: the datasets shuffled together, epoch by epoch. Immutable and thread-safe. */
final class MergedCurriculum implements Curriculum {
    private final CurriculumPhase phase;

    MergedCurriculum(MergedConfig config) {
        this.phase = new CurriculumPhase(
                Orders.join(config.datasets()), config.datasets(), config.proportions(), config.epochs());
    }

    @Override
    public List<CurriculumPhase> phases() {
        return List.of(phase);
    }

    @Override
    public OrderManifest order(int index, Map<String, Integer> sizes, long seed) {
        if (index != 0) {
            throw new IllegalArgumentException("a merged curriculum has one phase, not phase " + (index + 1));
        }
        return Orders.mixture(phase.datasets(), sizes, phase.weights(), phase.epochs(), seed);
    }
}
