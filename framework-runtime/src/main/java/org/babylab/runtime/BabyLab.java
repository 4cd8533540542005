package org.babylab.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.babylab.api.Plugin;
import org.babylab.runtime.internal.dsl.ExperimentLoader;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.schema.SchemaGenerator;
import org.babylab.runtime.internal.store.Store;

/**
 * BabyLab embedded in a program: the API the {@code babylab} command itself runs on. One instance
 * holds the loaded plugins and a {@link BabyLabListener}; it {@linkplain #load loads} experiment
 * files into {@link Study studies}, which {@linkplain Study#plan plan}, {@linkplain Study#run run} and
 * read {@linkplain StudyPlan#results results}.
 *
 * <pre>{@code
 * try (BabyLab lab = BabyLab.builder().pluginDirectory(Path.of("plugins")).listener(myListener).build()) {
 *     Study study = lab.load(Path.of("study.yaml"), List.of("models.tiny.preset=llama-tiny"));
 *     StudyPlan plan = study.plan();
 *     RunResult result = study.run(plan, RunOptions.quiet(Devices.parse("cpu=2")));
 *     plan.results().rows().forEach(row -> System.out.println(row.model() + " " + row.cells()));
 * }
 * }</pre>
 *
 * <p>Where a study's store is: the builder's {@link Builder#store}, else the file's {@code store:},
 * else {@code $BABYLAB_STORE}, else {@code ./.babylab/store}. Thread-safe once built; studies of one
 * instance may run one after the other or, on different stores or disjoint steps, at once (the store
 * locks each step). {@link #close()} closes the plugin jars' class loaders: no study of this instance
 * may be used after it.
 *
 * <p>Added in API 0.6.
 */
public final class BabyLab implements AutoCloseable {
    /** The environment variable naming the default store directory. */
    public static final String STORE_ENV = "BABYLAB_STORE";

    private final ClassLoader classPath;
    private final List<Path> pluginDirs;
    private final List<Plugin> registered;
    private final BabyLabListener listener;
    private final Map<String, String> environment;
    private final Path store;
    /** Loaded on first use, so that commands that need no plugins (verify) neither load nor report them. */
    private PluginRegistry plugins;

    private boolean closed;

    private BabyLab(Builder b) {
        this.classPath = b.classPath;
        this.pluginDirs = List.copyOf(b.pluginDirs);
        this.registered = List.copyOf(b.registered);
        this.listener = b.listener;
        this.environment = b.environment;
        this.store = b.store;
    }

    /** Starts a builder: built-in plugins from the class path, the process environment, no listener. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The plugins: built-ins from the class path, then each plugin directory, then
     * {@code $BABYLAB_PLUGINS}, then registered plugins; on a type id provided twice the earlier one
     * wins and both are a {@linkplain PluginRegistry#conflicts() conflict}. They load on the first call
     * (by this method, {@link #load} or {@link #schema}), which tells the listener each
     * {@linkplain BabyLabListener#pluginProblem problem}; a broken plugin is left out, never thrown.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized PluginRegistry plugins() {
        if (closed) {
            throw new IllegalStateException("this BabyLab is closed");
        }
        if (plugins == null) {
            plugins = PluginRegistry.standard(classPath, pluginDirs, registered, environment);
            plugins.problems().forEach(listener::pluginProblem);
        }
        return plugins;
    }

    /** The listener this instance reports to. */
    public BabyLabListener listener() {
        return listener;
    }

    /**
     * Loads and checks an experiment file with {@code --set}-style overrides ({@code key.path=value})
     * and opens its store. Warnings go to {@link BabyLabListener#experimentWarning} and stay in
     * {@link Study#problems()}.
     *
     * @throws BabyLabException when {@code file} is not a regular file
     * @throws ExperimentException listing every error in the file (nothing is run)
     * @throws StoreAccessException when the study's store directory cannot be used
     */
    public Study load(Path file, List<String> overrides) {
        if (!Files.isRegularFile(file)) {
            throw new BabyLabException("experiment file not found: " + file.toAbsolutePath());
        }
        List<String> given = List.copyOf(overrides);
        ExperimentDefinition def = new ExperimentLoader(plugins(), environment).load(file, given);
        def.problems().forEach(listener::experimentWarning);
        Path dir = store != null
                ? store
                : def.storeDir() != null ? def.storeDir().toAbsolutePath().normalize() : defaultStore();
        return new Study(this, def, openStore(dir), given);
    }

    /**
     * The store of {@link Builder#store}, else {@code $BABYLAB_STORE}, else {@code ./.babylab/store},
     * for the commands that work on a store without an experiment (verify, gc).
     *
     * @throws StoreAccessException when it cannot be used
     */
    public StoreMaintenance openStore() {
        return new StoreMaintenance(this, openStore(store != null ? store : defaultStore()));
    }

    /** The JSON Schema of the DSL with every loaded plugin's config, pretty-printed, for YAML editors. */
    public String schema() {
        try {
            return new ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(SchemaGenerator.generate(plugins()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON Schema: " + e.getMessage(), e);
        }
    }

    /** Closes the plugin jars' class loaders, if plugins were loaded. */
    @Override
    public synchronized void close() {
        closed = true;
        if (plugins != null) {
            plugins.close();
        }
    }

    Map<String, String> environment() {
        return environment;
    }

    private Path defaultStore() {
        String env = environment.get(STORE_ENV);
        return (env != null && !env.isBlank() ? Path.of(env) : Path.of(".babylab", "store"))
                .toAbsolutePath()
                .normalize();
    }

    /** Opens the store at {@code dir}, reporting each entry it moves aside to the listener. */
    private Store openStore(Path dir) {
        Store s;
        try {
            s = new Store(dir);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw new StoreAccessException(dir, e.getMessage(), e);
        }
        s.onDamage(d -> listener.storeEntryDamaged(d.describe()));
        return s;
    }

    /** Collects what a {@link BabyLab} is made of; see {@link BabyLab#plugins()} for the order plugins load in. Not thread-safe. */
    public static final class Builder {
        private final List<Path> pluginDirs = new ArrayList<>();
        private final List<Plugin> registered = new ArrayList<>();
        private Map<String, String> environment = System.getenv();
        private BabyLabListener listener = BabyLabListener.NONE;
        private Path store;
        private ClassLoader classPath = BabyLab.class.getClassLoader();

        private Builder() {}

        /** Adds every {@code *.jar} directly in {@code dir}, each in its own class loader; a missing dir is a plugin problem. */
        public Builder pluginDirectory(Path dir) {
            pluginDirs.add(Objects.requireNonNull(dir, "dir"));
            return this;
        }

        /** {@link #pluginDirectory} for each of {@code dirs}. */
        public Builder pluginDirectories(List<Path> dirs) {
            dirs.forEach(this::pluginDirectory);
            return this;
        }

        /** Adds {@code plugin} itself (origin "registered"), after those found on the class path and in directories. */
        public Builder register(Plugin plugin) {
            registered.add(Objects.requireNonNull(plugin, "plugin"));
            return this;
        }

        /**
         * The class loader whose {@code META-INF/services/org.babylab.api.Plugin} lists the built-in
         * plugins (default: the runtime's own); a test passes its context class loader to find its own plugin.
         */
        public Builder classPath(ClassLoader loader) {
            this.classPath = Objects.requireNonNull(loader, "loader");
            return this;
        }

        /**
         * The environment for {@code $BABYLAB_PLUGINS}, {@code $BABYLAB_STORE} and {@code ${env.X}} in
         * experiment files (default: the process environment), so a test need not depend on the process's.
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** The store every study uses, overriding the file's {@code store:} and {@code $BABYLAB_STORE}. */
        public Builder store(Path dir) {
            this.store = dir == null ? null : dir.toAbsolutePath().normalize();
            return this;
        }

        /** Who is told about plugin problems, warnings, damaged entries and each step of a run. */
        public Builder listener(BabyLabListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** A BabyLab of what was collected; its plugins load when first needed ({@link BabyLab#plugins()}). */
        public BabyLab build() {
            return new BabyLab(this);
        }
    }
}
