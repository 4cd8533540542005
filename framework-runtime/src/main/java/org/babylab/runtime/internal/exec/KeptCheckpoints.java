package org.babylab.runtime.internal.exec;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.babylab.api.step.StepContext;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.store.Attempt;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.StepLock;
import org.babylab.runtime.internal.store.Store;

/**
 * Publishes the kept checkpoints of one running training step ({@code pretrain@10M}) as store entries
 * of their own: under the checkpoint's lock, into a private attempt directory, then published
 * atomically with the checkpoint step's metadata (key document, parents, provenance), exactly like a
 * step's output. Thread-safe.
 */
final class KeptCheckpoints {
    /** Makes the metadata of a checkpoint step published now. */
    @FunctionalInterface
    interface MetadataMaker {
        EntryMetadata make(PlannedStep checkpoint, Instant finished);
    }

    private final Store store;
    private final Map<String, PlannedStep> byName = new LinkedHashMap<>();
    private final MetadataMaker metadata;
    private final Consumer<PlannedStep> published;

    /**
     * @param stage the training step whose kept checkpoints these are
     * @param published told of each checkpoint step this instance published
     */
    KeptCheckpoints(
            Plan plan, PlannedStep stage, Store store, MetadataMaker metadata, Consumer<PlannedStep> published) {
        this.store = store;
        this.metadata = metadata;
        this.published = published;
        for (PlannedStep s : plan.steps()) {
            if (s.kept() != null && s.kept().stageKey().equals(stage.key())) {
                byName.put(s.kept().name(), s);
            }
        }
    }

    /** The names of the checkpoints not yet in the store, in training order. */
    Set<String> pending() {
        Set<String> out = new java.util.LinkedHashSet<>();
        byName.forEach((name, step) -> {
            if (!store.isComplete(step.key())) {
                out.add(name);
            }
        });
        return out;
    }

    /** Publishes checkpoint {@code name} unless the store already holds it. */
    void publish(String name, StepContext.CheckpointWriter writer) throws Exception {
        PlannedStep step = byName.get(name);
        if (step == null) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a planned kept checkpoint of this stage; planned: " + byName.keySet());
        }
        try (StepLock lock = store.lock(step.key())) {
            if (store.isComplete(step.key())) {
                return; // kept by an earlier run (or another launcher): the same key is the same weights
            }
            Attempt attempt = store.begin(step.key());
            try {
                writer.write(attempt.outputDir());
                store.publish(attempt, metadata.make(step, Instant.now()));
            } catch (Exception | Error e) {
                store.abandon(attempt);
                throw e;
            }
        } catch (IOException e) {
            throw new IOException("cannot publish kept checkpoint " + step.name() + ": " + e.getMessage(), e);
        }
        published.accept(step);
    }
}
