package org.babylab.runtime.internal.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.babylab.api.ApiVersion;
import org.babylab.api.BabyLabApi;
import org.babylab.api.ComponentKind;
import org.babylab.api.Plugin;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.runtime.Problem;
import org.babylab.runtime.SourceLocation;
import org.babylab.runtime.internal.dsl.ConfigComponent;
import org.babylab.runtime.internal.dsl.ConfigRecord;

/**
 * The load-time checks of one plugin: API version, name, and every factory's type id, config record
 * and {@code @Ref} components. A plugin that fails any check is skipped as a whole, so users never
 * run half a plugin.
 *
 * <p>Stateless and thread-safe.
 */
public final class PluginChecker {
    /** Lower-case words of letters and digits joined by single dashes, e.g. {@code minimal-pairs}. */
    public static final Pattern TYPE_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final ApiVersion runtimeVersion;

    /** Checks against this runtime's API, {@link BabyLabApi#CURRENT}. */
    public PluginChecker() {
        this(BabyLabApi.CURRENT);
    }

    /** Checks against {@code runtimeVersion}. */
    public PluginChecker(ApiVersion runtimeVersion) {
        this.runtimeVersion = runtimeVersion;
    }

    /**
     * A plugin that passed every check.
     *
     * @param name its name
     * @param version its version
     * @param apiVersion the API version it was compiled against
     * @param factories its factories by kind, in the plugin's order
     */
    public record CheckedPlugin(
            String name, String version, String apiVersion, Map<ComponentKind, List<ComponentFactory<?>>> factories) {}

    /**
     * Checks {@code candidate}, adding one problem per broken rule to {@code problems}.
     *
     * @return the checked plugin, or null if any check failed
     */
    public CheckedPlugin check(PluginCandidate candidate, List<Problem> problems) {
        // The plugin's methods run under its own loader as context loader, like every call into plugin code.
        return PluginCalls.withContextLoader(candidate.plugin(), () -> inspect(candidate, problems));
    }

    private CheckedPlugin inspect(PluginCandidate candidate, List<Problem> problems) {
        SourceLocation at = new SourceLocation(candidate.location(), 0, 0);
        Plugin plugin = candidate.plugin();
        String className = plugin.getClass().getName();
        String where = " in " + candidate.location();
        int before = problems.size();
        try {
            String name = plugin.name();
            if (name == null || name.isBlank()) {
                problems.add(Problem.error(
                        at,
                        "plugin " + className + where + " has a blank name()",
                        "return a stable, human-readable name such as \"babylab-core\""));
                name = className;
            }
            String label = "plugin '" + name + "' (" + className + ")" + where;
            String apiText = plugin.apiVersion();
            ApiVersion api;
            try {
                api = ApiVersion.parse(apiText);
            } catch (IllegalArgumentException e) {
                problems.add(Problem.error(
                        at,
                        label + " declares an unparseable API version '" + apiText + "': " + e.getMessage(),
                        "implement apiVersion() as 'return BabyLabApi.VERSION;' and rebuild against framework-api "
                                + runtimeVersion));
                return null;
            }
            if (!runtimeVersion.canRun(api)) {
                problems.add(Problem.error(
                        at,
                        label + " was compiled against BabyLab API " + api + ", but this runtime provides API "
                                + runtimeVersion + ", which cannot run it",
                        "rebuild the plugin against framework-api " + runtimeVersion
                                + ", or use a runtime whose API can run " + api));
                return null;
            }
            String version = plugin.version();
            if (version == null || version.isBlank()) {
                problems.add(Problem.error(
                        at, label + " has a blank version()", "return the plugin's version, e.g. \"1.0\""));
            }
            Map<ComponentKind, List<ComponentFactory<?>>> factories = new java.util.EnumMap<>(ComponentKind.class);
            collect(factories, ComponentKind.DATASET, plugin::datasets, label, at, problems);
            collect(factories, ComponentKind.TOKENIZER, plugin::tokenizers, label, at, problems);
            collect(factories, ComponentKind.MODEL, plugin::models, label, at, problems);
            collect(factories, ComponentKind.CURRICULUM, plugin::curricula, label, at, problems);
            collect(factories, ComponentKind.CHAT_TEMPLATE, plugin::chatTemplates, label, at, problems);
            collect(factories, ComponentKind.REWARD, plugin::rewards, label, at, problems);
            collect(factories, ComponentKind.STAGE, plugin::stages, label, at, problems);
            collect(factories, ComponentKind.EVALUATOR, plugin::evaluators, label, at, problems);
            return problems.size() == before ? new CheckedPlugin(name, version, api.toString(), factories) : null;
        } catch (RuntimeException | LinkageError e) {
            // A plugin method threw, or needs a class its loader cannot see (e.g. a library it did not bundle).
            java.util.Optional<MissingPluginClassException> missing =
                    MissingPluginClassException.from(e, plugin.getClass().getClassLoader());
            if (missing.isPresent()) {
                problems.add(Problem.error(
                        at,
                        "plugin " + className + where + " failed while being inspected: "
                                + missing.get().getMessage(),
                        ""));
                return null;
            }
            problems.add(
                    Problem.error(
                            at,
                            "plugin " + className + where + " failed while being inspected: " + e
                                    + PluginDiscovery.causeText(e),
                            "a NoClassDefFoundError usually means the jar lacks a library it needs: plugins see only the JDK and org.babylab.api"));
            return null;
        }
    }

    /**
     * The type ids {@code candidate} declares, read leniently (a getter that throws contributes
     * nothing), for explaining why a refused plugin's types are unknown. Kinds in declaration order.
     */
    public Map<ComponentKind, List<String>> declaredTypes(PluginCandidate candidate) {
        Plugin plugin = candidate.plugin();
        Map<ComponentKind, Supplier<? extends List<? extends ComponentFactory<?>>>> getters =
                new java.util.EnumMap<>(ComponentKind.class);
        getters.put(ComponentKind.DATASET, plugin::datasets);
        getters.put(ComponentKind.TOKENIZER, plugin::tokenizers);
        getters.put(ComponentKind.MODEL, plugin::models);
        getters.put(ComponentKind.CURRICULUM, plugin::curricula);
        getters.put(ComponentKind.CHAT_TEMPLATE, plugin::chatTemplates);
        getters.put(ComponentKind.REWARD, plugin::rewards);
        getters.put(ComponentKind.STAGE, plugin::stages);
        getters.put(ComponentKind.EVALUATOR, plugin::evaluators);
        Map<ComponentKind, List<String>> types = new java.util.EnumMap<>(ComponentKind.class);
        getters.forEach((kind, getter) -> {
            List<String> ids = new ArrayList<>();
            try {
                PluginCalls.run(plugin, () -> {
                    for (ComponentFactory<?> f : getter.get()) {
                        if (f != null && f.type() != null) {
                            ids.add(f.type());
                        }
                    }
                });
            } catch (RuntimeException | LinkageError e) {
                // A refused plugin may well fail here (e.g. an API class it needs no longer exists): it explains
                // nothing then.
            }
            types.put(kind, List.copyOf(ids));
        });
        return types;
    }

    /** How a candidate is named to users: {@code plugin 'name' from <location>}, the jar's file name for a jar. */
    public static String describe(PluginCandidate candidate) {
        String name;
        try {
            name = PluginCalls.withContextLoader(
                    candidate.plugin(), () -> candidate.plugin().name());
        } catch (RuntimeException | LinkageError e) {
            name = null;
        }
        String from = candidate.jar() != null ? String.valueOf(candidate.jar().getFileName()) : candidate.location();
        return (name == null || name.isBlank()
                        ? "plugin " + candidate.plugin().getClass().getName()
                        : "plugin '" + name + "'")
                + " from " + from;
    }

    private void collect(
            Map<ComponentKind, List<ComponentFactory<?>>> into,
            ComponentKind kind,
            Supplier<? extends List<? extends ComponentFactory<?>>> getter,
            String label,
            SourceLocation at,
            List<Problem> problems) {
        List<? extends ComponentFactory<?>> list = getter.get();
        List<ComponentFactory<?>> accepted = new ArrayList<>();
        if (list != null) {
            for (ComponentFactory<?> factory : list) {
                if (checkFactory(factory, kind, label, at, problems)) {
                    accepted.add(factory);
                }
            }
        }
        into.put(kind, List.copyOf(accepted));
    }

    private boolean checkFactory(
            ComponentFactory<?> factory, ComponentKind kind, String label, SourceLocation at, List<Problem> problems) {
        if (factory == null) {
            problems.add(Problem.error(at, label + " returns a null " + kind.singular() + " factory", ""));
            return false;
        }
        String where = label + ": " + kind.singular() + " factory "
                + factory.getClass().getName();
        boolean ok = true;
        if (factory.kind() != kind) {
            problems.add(Problem.error(
                    at,
                    where + " is listed among the " + kind.section() + " but its kind() is " + factory.kind(),
                    "list it in the Plugin method of its own kind"));
            ok = false;
        }
        String type = factory.type();
        if (type == null || !TYPE_ID.matcher(type).matches()) {
            problems.add(Problem.error(
                    at,
                    where + " has an invalid type id '" + type + "'",
                    "type ids are lower-case letters and digits in dash-separated words matching " + TYPE_ID.pattern()
                            + ", e.g. 'minimal-pairs'"));
            ok = false;
        }
        if (factory.version() == null || factory.version().isBlank()) {
            problems.add(Problem.error(
                    at, where + " has a blank version()", "return e.g. \"1\" and bump it when outputs change"));
            ok = false;
        }
        Class<?> config = factory.configType();
        if (config == null || !config.isRecord()) {
            problems.add(Problem.error(
                    at,
                    where + " has configType() " + (config == null ? "null" : config.getName())
                            + ", which is not a record class",
                    "declare the config as a Java record (use NoConfig for none)"));
            return false;
        }
        ConfigRecord description;
        try {
            description = ConfigRecord.of(config);
        } catch (RuntimeException | LinkageError e) {
            // e.g. a presetValues() that throws: the schema and the binder could not describe the config either.
            problems.add(Problem.error(
                    at,
                    where + ": config " + config.getSimpleName() + " cannot be described: " + e.getMessage(),
                    "a static <component>Values() method must return the allowed values without failing"));
            return false;
        }
        for (ConfigComponent c : description.components()) {
            if (c.javaName().equals("type")) {
                problems.add(
                        Problem.error(
                                at,
                                where + ": config " + config.getSimpleName() + " has a component named 'type'",
                                "'type:' selects the factory in YAML, so a config key of that name could never be set; rename it"));
                ok = false;
            }
            if (c.ref() != null && !c.refTypeHoldsNames()) {
                problems.add(Problem.error(
                        at,
                        where + ": config " + config.getSimpleName() + " component '" + c.javaName()
                                + "' is annotated @Ref but has type "
                                + c.genericType().getTypeName(),
                        "a @Ref component must be a String (one name) or a List<String> (several names)"));
                ok = false;
            }
        }
        return ok;
    }
}
