package org.babylab.runtime;

/**
 * Where a factory came from, recorded in provenance and shown by {@code babylab plugins}.
 *
 * <p>Added in API 0.6 (before, {@code org.babylab.runtime.PluginOrigin}, not API).
 *
 * @param pluginName the plugin's {@code name()}
 * @param pluginVersion the plugin's {@code version()}
 * @param apiVersion the API version the plugin was compiled against
 * @param location the jar path, {@code "class path"}, or {@code "registered"} for explicit registration
 * @param codeDigest SHA-256 (hex) of the plugin's code: the jar's bytes, or the class files of the
 *     factory's code source directory; part of every step key the factory makes
 */
public record PluginOrigin(
        String pluginName, String pluginVersion, String apiVersion, String location, String codeDigest) {
    public PluginOrigin {
        if (pluginName == null
                || pluginVersion == null
                || apiVersion == null
                || location == null
                || codeDigest == null) {
            throw new IllegalArgumentException("every PluginOrigin field is required");
        }
    }
}
