package org.babylab.plugins.instruct.curriculum;

import java.util.List;
import java.util.Map;
import org.babylab.api.curriculum.Curriculum;
import org.babylab.api.curriculum.CurriculumPhase;
import org.babylab.api.curriculum.OrderManifest;

/**
 * One phase whose dataset at each position follows a schedule; records within each dataset come in
 * fresh shuffles. The dataset sequence itself involves no randomness:
 * <ul>
 *   <li>linear: position {@code t} of {@code T} has share {@code s(t) = start + (end - start) * t / (T - 1)}
 *       of {@code to}; {@code to} is chosen exactly when {@code round(s(0) + ... + s(t))} grows, so
 *       every prefix holds as many {@code to} examples as the shares promise, to within a half;</li>
 *   <li>interleave: rounds of {@code ratio[d]} consecutive examples per dataset, in {@code datasets} order.</li>
 * </ul>
 * Immutable and thread-safe.
 */
final class CustomCurriculum implements Curriculum {
    private final CustomConfig config;
    private final CurriculumPhase phase;

    CustomCurriculum(CustomConfig config) {
        this.config = config;
        this.phase = new CurriculumPhase(
                config.schedule().type().id() + "(" + Orders.join(config.datasets()) + ")",
                config.datasets(),
                Map.of(),
                1);
    }

    @Override
    public List<CurriculumPhase> phases() {
        return List.of(phase);
    }

    @Override
    public OrderManifest order(int index, Map<String, Integer> sizes, long seed) {
        if (index != 0) {
            throw new IllegalArgumentException("a custom curriculum has one phase, not phase " + (index + 1));
        }
        long length;
        if (config.examples() != null) {
            length = config.examples();
        } else {
            length = 0;
            for (String d : config.datasets()) {
                Integer s = sizes.get(d);
                length += s == null ? 0 : s;
            }
            length *= config.epochs();
        }
        Orders.checkLength(length);
        int[] sequence =
                config.schedule().type() == ScheduleType.LINEAR ? linear((int) length) : interleave((int) length);
        return Orders.sequence(config.datasets(), sizes, sequence, seed);
    }

    /** The dataset sequence of a linear schedule; see the class comment. */
    int[] linear(int length) {
        ScheduleSpec s = config.schedule();
        int from = config.datasets().indexOf(s.from());
        int to = config.datasets().indexOf(s.to());
        int[] out = new int[length];
        double cumulative = 0;
        long taken = 0;
        for (int t = 0; t < length; t++) {
            double share = length == 1 ? s.start() : s.start() + (s.end() - s.start()) * t / (length - 1);
            cumulative += share;
            long due = Math.round(cumulative);
            if (due > taken) {
                out[t] = to;
                taken++;
            } else {
                out[t] = from;
            }
        }
        return out;
    }

    /** The dataset sequence of an interleave schedule; see the class comment. */
    int[] interleave(int length) {
        List<String> datasets = config.datasets();
        int[] out = new int[length];
        int t = 0;
        while (t < length) {
            for (int d = 0; d < datasets.size() && t < length; d++) {
                int run = config.schedule().ratio().get(datasets.get(d));
                for (int k = 0; k < run && t < length; k++) {
                    out[t++] = d;
                }
            }
        }
        return out;
    }
}
