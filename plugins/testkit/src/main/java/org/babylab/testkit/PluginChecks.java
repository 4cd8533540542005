package org.babylab.testkit;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.babylab.api.ApiVersion;
import org.babylab.api.BabyLabApi;
import org.babylab.api.Plugin;
import org.babylab.api.config.Ref;
import org.babylab.api.spi.ComponentFactory;

/**
 * Checks a plugin against the rules the runtime enforces at load time, so a plugin author finds
 * out in a unit test rather than from a user: {@code assertTrue(PluginChecks.problems(new MyPlugin()).isEmpty())}.
 */
public final class PluginChecks {
    private static final Pattern TYPE_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private PluginChecks() {}

    /** Every rule the plugin breaks, as readable sentences; empty when it is well formed. */
    public static List<String> problems(Plugin plugin) {
        List<String> problems = new ArrayList<>();
        if (plugin.name() == null || plugin.name().isBlank()) {
            problems.add("plugin " + plugin.getClass().getName() + " has no name()");
        }
        try {
            ApiVersion v = ApiVersion.parse(plugin.apiVersion());
            if (!BabyLabApi.CURRENT.canRun(v)) {
                problems.add("plugin API version " + v + " cannot run on API " + BabyLabApi.CURRENT);
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Set<String> seen = new HashSet<>();
        Stream.of(plugin.datasets(), plugin.tokenizers(), plugin.models(), plugin.curricula(), plugin.chatTemplates(), plugin.rewards(), plugin.stages(), plugin.evaluators())
                .flatMap(List::stream)
                .forEach(f -> check(f, seen, problems));
        return problems;
    }

    /** Throws {@link AssertionError} listing every problem when there is any. */
    public static void assertWellFormed(Plugin plugin) {
        List<String> problems = problems(plugin);
        if (!problems.isEmpty()) {
            throw new AssertionError("plugin " + plugin.name() + " is not well formed:\n  " + String.join("\n  ", problems));
        }
    }

    private static void check(ComponentFactory<?> f, Set<String> seen, List<String> problems) {
        String where = f.getClass().getName();
        if (f.type() == null || !TYPE_ID.matcher(f.type()).matches()) {
            problems.add(where + ": type id '" + f.type() + "' must be lower-case words joined by dashes, e.g. 'minimal-pairs'");
        } else if (!seen.add(f.kind() + ":" + f.type())) {
            problems.add(where + ": " + f.kind().singular() + " type '" + f.type() + "' is declared twice");
        }
        if (f.version() == null || f.version().isBlank()) {
            problems.add(where + ": version() must not be blank");
        }
        Class<?> config = f.configType();
        if (config == null || !config.isRecord()) {
            problems.add(where + ": configType() must be a record class");
            return;
        }
        for (RecordComponent rc : config.getRecordComponents()) {
            Ref ref = rc.getAnnotation(Ref.class);
            if (ref != null && rc.getType() != String.class && rc.getType() != List.class) {
                problems.add(where + ": @Ref component '" + rc.getName() + "' must be a String or List<String>, is " + rc.getType().getSimpleName());
            }
        }
    }
}
