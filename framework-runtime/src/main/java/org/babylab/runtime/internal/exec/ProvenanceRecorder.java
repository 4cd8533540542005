package org.babylab.runtime.internal.exec;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.babylab.api.ComponentKind;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.PluginOrigin;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedSource;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.KeyDocument;
import org.babylab.runtime.internal.store.Store;

/**
 * The provenance of a published step: its {@link EntryMetadata} (plugin, config, parents, and the
 * key documents and data files of every source it read, found by walking the sources' inputs
 * transitively), and the index records that let {@code explain} trace a later key change into
 * those sources.
 */
final class ProvenanceRecorder {
    private final ComponentCatalog catalog;
    private final Store store;

    ProvenanceRecorder(ComponentCatalog catalog, Store store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** The metadata of {@code step} computed with {@code seed} between {@code started} and {@code finished}. */
    EntryMetadata metadata(Plan plan, PlannedStep step, long seed, Instant started, Instant finished) {
        ComponentFactory<?> factory = FactoryLookup.of(catalog, step.decl(), ComponentFactory.class);
        PluginOrigin o = catalog.origin(factory);
        ComponentDecl fam = step.family();
        Map<String, KeyDocument> sources = new TreeMap<>();
        Map<String, String> dataFiles = new TreeMap<>(step.keyDocument().files());
        List<String> todo = new ArrayList<>(step.inputs().values());
        while (!todo.isEmpty()) {
            PlannedSource s = plan.sources().get(todo.remove(todo.size() - 1));
            if (s != null && sources.putIfAbsent(s.fingerprint(), s.document()) == null) {
                dataFiles.putAll(s.document().files());
                todo.addAll(s.inputs().values());
            }
        }
        return new EntryMetadata(
                step.key(),
                step.keyDocument(),
                step.name(),
                step.kind().singular(),
                step.type(),
                new EntryMetadata.PluginInfo(
                        o.pluginName(), o.pluginVersion(), o.apiVersion(), o.location(), o.codeDigest()),
                step.decl().canonicalConfig(),
                step.inputs(),
                dataFiles,
                sources,
                seed,
                EntryMetadata.Environment.current(),
                started.toString(),
                finished.toString(),
                Duration.between(started, finished).toMillis(),
                new EntryMetadata.ExperimentInfo(
                        plan.definition().name(), plan.definition().file().toString(), step.trials()),
                fam == null || step.kind() == ComponentKind.EVALUATOR
                        ? null
                        : new EntryMetadata.ModelFamilyInfo(fam.name(), fam.type(), fam.canonicalConfig()),
                null);
    }

    /** Indexes the documents of the sources {@code step} read, so a later key change can be traced into them. */
    void recordSourceDocuments(Plan plan, PlannedStep step) throws IOException {
        List<String> todo = new ArrayList<>(step.inputs().values());
        while (!todo.isEmpty()) {
            PlannedSource s = plan.sources().get(todo.remove(todo.size() - 1));
            if (s != null) {
                store.index().recordDocument(s.fingerprint(), s.document());
                todo.addAll(s.inputs().values());
            }
        }
    }
}
