package org.babylab.runtime.internal.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.babylab.api.model.LanguageModel;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.LoadContext;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.registry.PluginCalls;
import org.babylab.runtime.internal.store.Store;

/**
 * Writes the model a stored step produced into a directory of the user's choosing
 * ({@code babylab export}): the entry is verified against its manifest, loaded by the factory of the
 * model it descends from (on the CPU) and saved with {@link LanguageModel#save}, so the directory
 * holds what that model family writes (for a LLaMA: the Hugging Face layout, tokenizer and
 * generation files included, even for entries stored before those files were written). Stateless.
 */
public final class ModelExporter {
    private ModelExporter() {}

    /**
     * Exports {@code step}'s model into {@code target}, which must not exist or be an empty directory.
     *
     * @throws IllegalArgumentException if the step produces no model, is not in the store, or the
     *     target is not empty, each saying what to do
     */
    public static void export(ComponentCatalog catalog, Store store, PlannedStep step, Path target) throws Exception {
        if (!step.isTraining() || step.family() == null) {
            throw new IllegalArgumentException(step.name() + " produces no model (it is a "
                    + step.kind().singular() + "); export a model or stage step");
        }
        if (!store.isComplete(step.key())) {
            throw new IllegalArgumentException(
                    step.name() + " (" + step.shortKey() + ") is not in the store yet; run the experiment first");
        }
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                throw new IllegalArgumentException(target + " exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(target + " is not empty; export into a new or empty directory");
                }
            }
        }
        Files.createDirectories(target);
        LoadContext cpu =
                () -> DeviceLease.cpuOnly(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try (LanguageModel model = new InputLoader(catalog, store).model(step, cpu)) {
            PluginCalls.run(model, () -> model.save(target));
        }
    }
}
