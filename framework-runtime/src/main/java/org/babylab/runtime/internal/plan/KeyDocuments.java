package org.babylab.runtime.internal.plan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.babylab.api.config.NotKeyed;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.PluginOrigin;
import org.babylab.runtime.internal.dsl.ConfigRecord;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.registry.PluginCalls;
import org.babylab.runtime.internal.store.KeyDocument;
import org.babylab.runtime.internal.store.Store;

/**
 * Makes the {@link KeyDocument} of a step or source: the factory's type, version and code digest, the
 * config without its {@link NotKeyed} components (paths normalised when the component reads files),
 * the seed, the inputs' keys, and the content hash of every data file the component reads (through
 * the store's file-hash cache).
 */
final class KeyDocuments {
    private final ComponentCatalog catalog;
    private final Store store;
    private final PlanningState state;

    KeyDocuments(ComponentCatalog catalog, Store store, PlanningState state) {
        this.catalog = catalog;
        this.store = store;
        this.state = state;
    }

    /**
     * The key document of {@code decl} keyed with {@code config}.
     *
     * @param seed the step's seed; null for sources
     * @return the document, or null after reporting a problem (an unknown type, unreadable data files)
     */
    KeyDocument document(ComponentDecl decl, Long seed, Map<String, String> inputs, Map<String, Object> config) {
        Optional<ComponentFactory<?>> factory = catalog.factory(decl.kind(), decl.type());
        if (factory.isEmpty()) {
            state.problem(
                    decl,
                    "no " + decl.kind().singular() + " type '" + decl.type() + "' is installed",
                    "known " + decl.kind().singular() + " types: " + catalog.types(decl.kind()));
            return null;
        }
        PluginOrigin origin = catalog.origin(factory.get());
        Map<String, String> files;
        try {
            files = hashFiles(factory.get(), decl);
        } catch (IOException | RuntimeException e) {
            state.problem(decl, decl.id() + ": cannot read its data files: " + e.getMessage(), "");
            return null;
        }
        // A component that reads files is keyed by their content and resolved paths, not by
        // how the paths are spelled (relative, ./, absolute).
        Map<String, Object> keyed = files.isEmpty() ? config : KeyPaths.normalise(config, state.def.baseDir());
        keyed = withoutNotKeyed(decl.config().getClass(), keyed);
        return new KeyDocument(
                decl.kind().singular(),
                decl.type(),
                factory.get().version(),
                origin.codeDigest(),
                keyed,
                seed,
                inputs,
                files);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Map<String, String> hashFiles(ComponentFactory factory, ComponentDecl decl) throws IOException {
        Path baseDir = state.def.baseDir();
        List<Path> paths = PluginCalls.withContextLoader(factory, () -> factory.inputFiles(decl.config(), baseDir));
        Map<String, String> out = new TreeMap<>();
        Path base = baseDir.toAbsolutePath().normalize();
        for (Path p : paths) {
            Path abs = base.resolve(p).normalize();
            String label =
                    abs.startsWith(base) ? base.relativize(abs).toString().replace('\\', '/') : abs.toString();
            out.put(label, store.hasher().hash(abs));
        }
        return out;
    }

    /** {@code config} without the top-level keys whose record components carry {@link NotKeyed}. */
    private static Map<String, Object> withoutNotKeyed(Class<?> configType, Map<String, Object> config) {
        if (!configType.isRecord()) {
            return config;
        }
        Map<String, Object> out = null;
        for (String yaml : ConfigRecord.of(configType).notKeyedKeys()) {
            if (config.containsKey(yaml)) {
                out = out == null ? new LinkedHashMap<>(config) : out;
                out.remove(yaml);
            }
        }
        return out == null ? config : out;
    }
}
