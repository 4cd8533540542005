package org.babylab.runtime.internal.plan;

import java.util.List;
import java.util.Optional;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.RunRecord;
import org.babylab.runtime.internal.store.Store;

/**
 * Earlier runs of a step of the same experiment and trial. A store shared by several experiments
 * holds steps of the same name from each (two studies may both have {@code model:trigram}); the
 * name index alone would mix them, so that {@code explain} compared a step with another study's and
 * {@code plan} estimated one study's time from another's. An entry belongs to the experiment that
 * computed it (its metadata); one whose metadata is gone is not counted. Stateless.
 */
final class PastRuns {
    private PastRuns() {}

    /**
     * The newest stored run of {@code step} (by its name, else its name without sweep label) computed
     * by {@code experiment} for one of the step's trials, other than {@code excludeKey}.
     */
    static Optional<RunRecord> latest(Store store, String experiment, PlannedStep step, String excludeKey) {
        Optional<RunRecord> r = latest(store, experiment, step.name(), step.trials(), excludeKey);
        if (r.isEmpty() && !step.baseName().equals(step.name())) {
            // A step whose sweep label changed is found under its base name; any trial of the experiment then.
            r = latest(store, experiment, step.baseName(), List.of(), excludeKey);
        }
        return r;
    }

    private static Optional<RunRecord> latest(
            Store store, String experiment, String name, List<String> trials, String excludeKey) {
        for (RunRecord r : store.index().history(name)) {
            if (r.key().equals(excludeKey)) {
                continue;
            }
            Optional<EntryMetadata> meta;
            try {
                meta = store.metadata(r.key());
            } catch (RuntimeException e) {
                continue;
            }
            EntryMetadata.ExperimentInfo info =
                    meta.map(EntryMetadata::experiment).orElse(null);
            if (info == null || !experiment.equals(info.name())) {
                continue;
            }
            if (trials.isEmpty()
                    || info.trials() == null
                    || info.trials().isEmpty()
                    || info.trials().stream().anyMatch(trials::contains)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether any stored run of {@code name} exists at all (in any experiment). */
    static boolean anyElsewhere(Store store, String name, String excludeKey) {
        return store.index().history(name).stream().anyMatch(r -> !r.key().equals(excludeKey));
    }
}
