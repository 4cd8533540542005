package org.babylab.runtime.internal.registry;

import java.nio.file.Path;
import org.babylab.api.Plugin;

/**
 * A plugin instance found by discovery or registration, before its checks.
 *
 * @param plugin the instance, never null
 * @param location where it came from, as shown to users: the jar path, {@code "class path"} or {@code "registered"}
 * @param jar the plugin jar when it came from a plugin directory, else null; its bytes are the plugin's code digest
 */
public record PluginCandidate(Plugin plugin, String location, Path jar) {
    /** Location of plugins found through {@link java.util.ServiceLoader} on a class path. */
    public static final String CLASS_PATH = "class path";
    /** Location of plugins handed to the registry explicitly. */
    public static final String REGISTERED = "registered";

    public PluginCandidate {
        if (plugin == null || location == null) {
            throw new IllegalArgumentException("plugin and location are required");
        }
    }
}
