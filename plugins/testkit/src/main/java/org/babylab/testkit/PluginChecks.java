package org.babylab.testkit;

import java.util.List;
import org.babylab.api.Plugin;
import org.babylab.runtime.PluginRegistry;

/**
 * Checks a plugin against the rules the runtime enforces when it loads plugins, by loading it into
 * a real {@link PluginRegistry}: the same checks, the same messages, so a plugin author finds out in
 * a unit test rather than from a user. {@code PluginChecks.assertWellFormed(new MyPlugin());}
 */
public final class PluginChecks {
    private PluginChecks() {}

    /** Every rule the plugin breaks, as the registry states it (message, then what to do); empty when it is well formed. */
    public static List<String> problems(Plugin plugin) {
        try (PluginRegistry registry = PluginRegistry.builder().register(plugin).build()) {
            return registry.problems().stream()
                    .map(p -> p.message() + (p.hint().isEmpty() ? "" : " (" + p.hint() + ")"))
                    .toList();
        }
    }

    /** Throws {@link AssertionError} listing every problem when there is any. */
    public static void assertWellFormed(Plugin plugin) {
        List<String> problems = problems(plugin);
        if (!problems.isEmpty()) {
            throw new AssertionError("plugin " + plugin.getClass().getName() + " is not well formed:\n  "
                    + String.join("\n  ", problems));
        }
    }
}
