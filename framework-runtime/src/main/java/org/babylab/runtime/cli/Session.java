package org.babylab.runtime.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.babylab.runtime.PluginRegistry;
import org.babylab.runtime.internal.dsl.ExperimentLoader;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.Problem;
import org.babylab.runtime.Severity;
import org.babylab.runtime.internal.report.ResultsFiles;
import org.babylab.runtime.internal.report.RunInfo;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.Store;

/**
 * What every experiment command starts from: the plugin registry, the checked experiment and the
 * store. Problems with plugin jars are printed as they are found; they stop nothing unless the
 * experiment needs a type that failed to load (the DSL then reports it as unknown).
 */
record Session(PluginRegistry registry, ExperimentDefinition experiment, Store store, List<String> overrides) {
    Session {
        overrides = List.copyOf(overrides);
    }

    static Session open(ExperimentOptions options, PrintWriter err) {
        if (!Files.isRegularFile(options.file)) {
            throw new UserError("experiment file not found: " + options.file.toAbsolutePath());
        }
        PluginRegistry registry = openRegistry(options.pluginDirs, err);
        if (!registry.conflicts().isEmpty()) {
            // Printed above with what to do; running with either factory would be a guess.
            throw new UserError(registry.conflicts().size() + " type id(s) are provided by two plugins (see above); nothing was run");
        }
        ExperimentDefinition def = new ExperimentLoader(registry).load(options.file, options.overrides);
        for (Problem p : def.problems()) {
            err.println(p);
        }
        return new Session(registry, def, openStore(storeDir(options, def), err), options.overrides);
    }

    /**
     * Opens the store at {@code dir}, reporting every damaged entry it moves aside on {@code err}.
     *
     * @throws UserError naming the path when it is a file or cannot be created
     */
    static Store openStore(Path dir, PrintWriter err) {
        Store store;
        try {
            store = new Store(dir);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new UserError("--store " + dir + ": " + e.getMessage());
        }
        store.onDamage(d -> {
            err.println("warning: " + d.describe());
            err.flush();
        });
        return store;
    }

    static PluginRegistry openRegistry(List<Path> pluginDirs, PrintWriter err) {
        PluginRegistry registry = PluginRegistry.standard(pluginDirs);
        for (Problem p : registry.problems()) {
            err.println(p.severity() == Severity.ERROR ? p + "\n    (that plugin was not loaded)" : p.toString());
        }
        return registry;
    }

    /** Command line, then the file's {@code store:}, then {@code $BABYLAB_STORE}, then {@code ./.babylab/store}. */
    private static Path storeDir(ExperimentOptions options, ExperimentDefinition def) {
        if (options.store != null) {
            return options.store.toAbsolutePath().normalize();
        }
        if (def.storeDir() != null) {
            return def.storeDir().toAbsolutePath().normalize();
        }
        String env = System.getenv("BABYLAB_STORE");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of(".babylab", "store").toAbsolutePath().normalize();
    }

    /**
     * Where results tables and the report of this experiment are written: next to the store, by
     * experiment name, in a directory of its own for each set of {@code --set} overrides.
     */
    Path resultsDir() {
        return ResultsFiles.dir(store.root().resolveSibling("results"), experiment.name(), overrides);
    }

    /** What produced results written now: file, overrides, date, version, store. */
    RunInfo runInfo() {
        return new RunInfo(experiment.name(), experiment.file(), overrides, Instant.now(),
                EntryMetadata.Environment.current().babylabVersion(), store.root());
    }
}
