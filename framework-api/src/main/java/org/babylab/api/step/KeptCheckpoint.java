package org.babylab.api.step;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An intermediate checkpoint that a training stage keeps: an addressable model output
 * ({@code stage@name} in {@code evaluate.on}) with its own store entry and cache key. Added in API 0.5.
 *
 * @param name the address after {@code @}, e.g. {@code 10M} or {@code epoch-3}: letters, digits,
 *     dots and dashes
 * @param position where in training the checkpoint is taken, as the stage understands it (e.g.
 *     {@code {words: 10000000}}); part of the checkpoint's key
 */
public record KeptCheckpoint(String name, Map<String, Object> position) {
    public KeptCheckpoint {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9.\\-]*")) {
            throw new IllegalArgumentException(
                    "a kept checkpoint's name is letters, digits, dots and dashes, got '" + name + "'");
        }
        if (position == null || position.isEmpty()) {
            throw new IllegalArgumentException("kept checkpoint '" + name + "' needs a position");
        }
        position = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(position));
    }
}
