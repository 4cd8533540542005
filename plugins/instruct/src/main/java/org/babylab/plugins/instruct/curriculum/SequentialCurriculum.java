package org.babylab.plugins.instruct.curriculum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.curriculum.CurriculumPhase;
import org.babylab.api.curriculum.OrderManifest;

/**
 * Phases in order; each is a mixture of its own datasets (a single dataset: its records shuffled
 * every epoch). A phase's order depends on its own spec, sizes and seed only, so
 * {@code switchboard -> wiki} and {@code switchboard -> anything} share phase 1. Immutable and thread-safe.
 */
final class SequentialCurriculum implements Curriculum {
    private final List<CurriculumPhase> phases;

    SequentialCurriculum(SequentialConfig config) {
        List<CurriculumPhase> out = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (PhaseSpec p : config.phases()) {
            String name = Orders.join(p.datasets());
            // The same datasets may come back later (switchboard -> wiki -> switchboard); names stay unique.
            long seen = names.stream()
                    .filter(n -> n.equals(name) || n.startsWith(name + "#"))
                    .count();
            String unique = seen == 0 ? name : name + "#" + (seen + 1);
            names.add(unique);
            out.add(new CurriculumPhase(unique, p.datasets(), p.proportions(), p.epochs()));
        }
        this.phases = List.copyOf(out);
    }

    @Override
    public List<CurriculumPhase> phases() {
        return phases;
    }

    @Override
    public OrderManifest order(int index, Map<String, Integer> sizes, long seed) {
        if (index < 0 || index >= phases.size()) {
            throw new IllegalArgumentException(
                    "this sequential curriculum has phases 1.." + phases.size() + ", not " + (index + 1));
        }
        CurriculumPhase p = phases.get(index);
        return Orders.mixture(p.datasets(), sizes, p.weights(), p.epochs(), seed);
    }
}
