package org.babylab.runtime.internal.model;

import org.babylab.api.ComponentKind;
import org.babylab.runtime.SourceLocation;

/**
 * A name in a component's config that refers to another declared component ({@code @Ref}).
 *
 * @param key the config key holding it, snake_case as written in YAML (e.g. {@code train_on})
 * @param kind the kind referred to; for {@link ComponentKind#MODEL} the target may be a stage
 * @param target the referenced component's name
 * @param location where the name is written
 */
public record Reference(String key, ComponentKind kind, String target, SourceLocation location) {
    public Reference {
        if (key == null || kind == null || target == null || location == null) {
            throw new IllegalArgumentException("key, kind, target and location are required");
        }
    }
}
