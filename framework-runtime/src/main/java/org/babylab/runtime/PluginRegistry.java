package org.babylab.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.babylab.api.ComponentKind;
import org.babylab.api.Plugin;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.internal.registry.CodeDigests;
import org.babylab.runtime.internal.registry.PluginCandidate;
import org.babylab.runtime.internal.registry.PluginChecker;
import org.babylab.runtime.internal.registry.PluginClassLoader;
import org.babylab.runtime.internal.registry.PluginDiscovery;

/**
 * The factories of every loaded plugin, by kind and type id, as {@link BabyLab#plugins()} loads them.
 *
 * <p>Plugins come from a class path ({@link java.util.ServiceLoader}), from plugin directories (each
 * {@code *.jar} in its own class loader that exposes only the JDK and
 * {@code org.babylab.api}), or from explicit registration. Loading never stops at the first broken
 * plugin: every failure (incompatible API version, missing service file, a class that cannot be
 * instantiated, a bad type id, a config that is not a record, a misplaced {@code @Ref}, a type id
 * provided twice) becomes an {@link Severity#ERROR} in {@link #problems()}, the offending plugin is
 * skipped (for a duplicate type, the later factory), and the others load. A type of a refused plugin
 * is explained by {@link #whyUnavailable}; a type provided twice is also in {@link #conflicts()}.
 *
 * <pre>{@code
 * try (PluginRegistry registry = PluginRegistry.builder()
 *         .discoverClassPath(MyApp.class.getClassLoader())
 *         .addPluginDirectory(Path.of("plugins"))
 *         .register(new MyPlugin())
 *         .build()) {
 *     registry.problems().forEach(System.err::println);
 * }
 * }</pre>
 *
 * <p>Immutable once built and safe to use from several threads. {@link #close()} closes the jar
 * class loaders; factories from jars must not be used after it.
 */
public final class PluginRegistry implements ComponentCatalog, AutoCloseable {
    /** Environment variable with extra plugin directories, separated by {@link File#pathSeparator}. */
    public static final String PLUGINS_ENV = "BABYLAB_PLUGINS";

    private final Map<ComponentKind, Map<String, ComponentFactory<?>>> byKind;
    private final Map<ComponentFactory<?>, PluginOrigin> origins;
    private final List<Problem> problems;
    private final List<Problem> conflicts;
    private final Map<ComponentKind, Map<String, String>> refused;
    private final List<PluginClassLoader> loaders;

    private PluginRegistry(
            Map<ComponentKind, Map<String, ComponentFactory<?>>> byKind,
            Map<ComponentFactory<?>, PluginOrigin> origins,
            List<Problem> problems,
            List<Problem> conflicts,
            Map<ComponentKind, Map<String, String>> refused,
            List<PluginClassLoader> loaders) {
        this.byKind = byKind;
        this.origins = origins;
        this.problems = List.copyOf(problems);
        this.conflicts = List.copyOf(conflicts);
        this.refused = refused;
        this.loaders = List.copyOf(loaders);
    }

    /** Starts an empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The registry the CLI uses: plugins on the runtime's class path, in {@code pluginDirs}, and in
     * the directories listed in {@value #PLUGINS_ENV}. A missing directory given explicitly is an
     * error; one from the environment only a warning, since the variable may be shared between
     * machines.
     */
    public static PluginRegistry standard(List<Path> pluginDirs) {
        return standard(pluginDirs, System.getenv());
    }

    /**
     * {@link #standard(List)} with an explicit environment, for embedders and tests that must not
     * depend on the process environment.
     */
    public static PluginRegistry standard(List<Path> pluginDirs, Map<String, String> environment) {
        return standard(PluginRegistry.class.getClassLoader(), pluginDirs, List.of(), environment);
    }

    /** {@link #standard(List, Map)} with built-ins listed by {@code classPath}, and {@code registered} plugins last (for {@link BabyLab}). */
    static PluginRegistry standard(
            ClassLoader classPath, List<Path> pluginDirs, List<Plugin> registered, Map<String, String> environment) {
        Builder b = builder().discoverClassPath(classPath);
        pluginDirs.forEach(b::addPluginDirectory);
        String env = environment.get(PLUGINS_ENV);
        if (env != null) {
            for (String part : env.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
                if (!part.isBlank()) {
                    b.sources.add(new Source.Directory(Path.of(part.trim()), Severity.WARNING));
                }
            }
        }
        registered.forEach(b::register);
        return b.build();
    }

    /** Every problem met while loading, in discovery order; empty when all plugins loaded cleanly. */
    public List<Problem> problems() {
        return problems;
    }

    /**
     * The problems of {@link #problems()} that are type ids provided by two plugins (one of them
     * perhaps built in). The registry keeps the first, but which one a user meant is a guess, so
     * commands that run an experiment refuse to start while there is any.
     */
    public List<Problem> conflicts() {
        return conflicts;
    }

    /**
     * Why {@code type} is not available when a plugin that declares it was refused at load time
     * (an incompatible API version, a broken factory): {@code "type 'x' is provided by plugin
     * 'y' from y.jar, which was refused: ..."}; empty when no refused plugin declared it.
     */
    @Override
    public Optional<String> whyUnavailable(ComponentKind kind, String type) {
        return Optional.ofNullable(refused.get(kind).get(type));
    }

    /** True when {@link #problems()} holds an error. */
    public boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == Severity.ERROR);
    }

    @Override
    public Optional<ComponentFactory<?>> factory(ComponentKind kind, String type) {
        return Optional.ofNullable(byKind.get(kind).get(type));
    }

    @Override
    public List<String> types(ComponentKind kind) {
        return List.copyOf(byKind.get(kind).keySet());
    }

    @Override
    public PluginOrigin origin(ComponentFactory<?> factory) {
        PluginOrigin origin = origins.get(factory);
        if (origin == null) {
            throw new IllegalArgumentException(
                    "factory " + factory.getClass().getName() + " is not registered in this registry");
        }
        return origin;
    }

    /** Every registered factory, by kind (declaration order of {@link ComponentKind}) then type id. */
    public List<RegisteredFactory> all() {
        List<RegisteredFactory> rows = new ArrayList<>();
        byKind.forEach((kind, types) -> types.forEach((type, f) ->
                rows.add(new RegisteredFactory(kind, type, f.version(), f.description(), origins.get(f)))));
        return List.copyOf(rows);
    }

    /** Closes the class loaders of plugin jars. */
    @Override
    public void close() {
        List<IOException> failures = new ArrayList<>();
        for (PluginClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            UncheckedIOException e = new UncheckedIOException(
                    "cannot close " + failures.size() + " plugin class loader(s)", failures.get(0));
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }
    }

    /** Where plugins are taken from, in the order the builder was told. */
    private sealed interface Source {
        record ClassPath(ClassLoader loader) implements Source {}

        record Directory(Path dir, Severity ifMissing) implements Source {}

        record Registered(Plugin plugin) implements Source {}
    }

    /**
     * Collects plugin sources; {@link #build()} loads them in the order they were added, so on a
     * duplicate type id the earlier source wins. Not thread-safe.
     */
    public static final class Builder {
        private final List<Source> sources = new ArrayList<>();
        /** Plugin jars share the API classes with the runtime through this loader. */
        private final ClassLoader apiLoader = Plugin.class.getClassLoader();

        private Builder() {}

        /** Adds the plugins {@code loader} lists in {@code META-INF/services/org.babylab.api.Plugin}; origin "class path". */
        public Builder discoverClassPath(ClassLoader loader) {
            sources.add(new Source.ClassPath(loader));
            return this;
        }

        /** Adds every {@code *.jar} directly in {@code dir}, each isolated in its own class loader. A missing dir is an error. */
        public Builder addPluginDirectory(Path dir) {
            sources.add(new Source.Directory(dir, Severity.ERROR));
            return this;
        }

        /** Adds {@code plugin} itself; origin "registered". */
        public Builder register(Plugin plugin) {
            if (plugin == null) {
                throw new IllegalArgumentException("plugin must not be null");
            }
            sources.add(new Source.Registered(plugin));
            return this;
        }

        /** Loads and checks every source. Never throws for a broken plugin: see {@link PluginRegistry#problems()}. */
        public PluginRegistry build() {
            List<Problem> problems = new ArrayList<>();
            List<PluginClassLoader> loaders = new ArrayList<>();
            PluginDiscovery discovery = new PluginDiscovery(apiLoader, problems, loaders);
            List<PluginCandidate> candidates = new ArrayList<>();
            for (Source source : sources) {
                if (source instanceof Source.ClassPath cp) {
                    candidates.addAll(discovery.fromClassPath(cp.loader()));
                } else if (source instanceof Source.Directory d) {
                    candidates.addAll(discovery.fromDirectory(d.dir(), d.ifMissing()));
                } else if (source instanceof Source.Registered r) {
                    candidates.add(new PluginCandidate(r.plugin(), PluginCandidate.REGISTERED, null));
                }
            }
            return assemble(candidates, problems, loaders);
        }

        private static PluginRegistry assemble(
                List<PluginCandidate> candidates, List<Problem> problems, List<PluginClassLoader> loaders) {
            PluginChecker checker = new PluginChecker();
            CodeDigests digests = new CodeDigests();
            Map<ComponentKind, Map<String, ComponentFactory<?>>> byKind = new EnumMap<>(ComponentKind.class);
            Map<ComponentKind, Map<String, String>> refused = new EnumMap<>(ComponentKind.class);
            for (ComponentKind kind : ComponentKind.values()) {
                byKind.put(kind, new TreeMap<>());
                refused.put(kind, new TreeMap<>());
            }
            List<Problem> conflicts = new ArrayList<>();
            Map<ComponentFactory<?>, PluginOrigin> origins = new IdentityHashMap<>();
            for (PluginCandidate candidate : candidates) {
                int before = problems.size();
                PluginChecker.CheckedPlugin plugin = checker.check(candidate, problems);
                if (plugin == null) {
                    // Remember the types it would have provided, so "unknown type" can say why.
                    String reason = problems.size() > before
                            ? problems.get(before).message()
                            : "it failed its load-time checks";
                    checker.declaredTypes(candidate)
                            .forEach((kind, types) -> types.forEach(type -> refused.get(kind)
                                    .putIfAbsent(
                                            type,
                                            kind.singular() + " type '" + type + "' is provided by "
                                                    + PluginChecker.describe(candidate) + ", which was refused: "
                                                    + reason)));
                    continue;
                }
                plugin.factories().forEach((kind, factories) -> {
                    for (ComponentFactory<?> f : factories) {
                        PluginOrigin origin = new PluginOrigin(
                                plugin.name(),
                                plugin.version(),
                                plugin.apiVersion(),
                                candidate.location(),
                                digest(digests, candidate, f));
                        ComponentFactory<?> previous = byKind.get(kind).putIfAbsent(f.type(), f);
                        if (previous != null) {
                            PluginOrigin first = origins.get(previous);
                            boolean builtIn = PluginCandidate.CLASS_PATH.equals(first.location());
                            Problem conflict = Problem.error(
                                    new SourceLocation(candidate.location(), 0, 0),
                                    kind.singular() + " type '" + f.type() + "' is provided twice: by "
                                            + (builtIn ? "the built-in " : "")
                                            + "plugin '" + first.pluginName() + "' from " + first.location()
                                            + " and by plugin '"
                                            + origin.pluginName() + "' from " + origin.location(),
                                    builtIn
                                            ? "built-in types cannot be replaced: give the type in plugin '"
                                                    + origin.pluginName() + "' another id (e.g. '" + origin.pluginName()
                                                    + "-" + f.type() + "')"
                                            : "remove one of the two jars, or give one of the types another id; experiments do not"
                                                    + " run until then, since either could be meant");
                            problems.add(conflict);
                            conflicts.add(conflict);
                        } else {
                            origins.put(f, origin);
                        }
                    }
                });
            }
            Map<ComponentKind, Map<String, ComponentFactory<?>>> frozen = new EnumMap<>(ComponentKind.class);
            byKind.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
            Map<ComponentKind, Map<String, String>> frozenRefused = new EnumMap<>(ComponentKind.class);
            refused.forEach((k, v) -> frozenRefused.put(k, Collections.unmodifiableMap(v)));
            return new PluginRegistry(
                    Collections.unmodifiableMap(frozen),
                    Collections.unmodifiableMap(origins),
                    problems,
                    conflicts,
                    Collections.unmodifiableMap(frozenRefused),
                    loaders);
        }

        private static String digest(CodeDigests digests, PluginCandidate candidate, ComponentFactory<?> f) {
            return candidate.jar() != null ? digests.of(candidate.jar()) : digests.of(f.getClass());
        }
    }
}
