package org.babylab.runtime;

import org.babylab.api.ComponentKind;

/**
 * One row of {@code babylab plugins}: a factory the registry accepted.
 *
 * @param kind its kind
 * @param type its {@code type:} id
 * @param version the factory's version (part of cache keys)
 * @param description its one-line description, possibly empty
 * @param origin the plugin it came from
 */
public record RegisteredFactory(
        ComponentKind kind, String type, String version, String description, PluginOrigin origin) {
    public RegisteredFactory {
        if (kind == null || type == null || version == null || origin == null) {
            throw new IllegalArgumentException("kind, type, version and origin are required");
        }
        description = description == null ? "" : description;
    }
}
