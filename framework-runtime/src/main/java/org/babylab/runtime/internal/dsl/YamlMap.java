package org.babylab.runtime.internal.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.babylab.runtime.SourceLocation;

/**
 * A mapping with string keys, in document order.
 *
 * @param entries the entries by key; copied, unmodifiable, insertion-ordered
 * @param location where the mapping starts
 */
record YamlMap(Map<String, Entry> entries, SourceLocation location) implements YamlNode {

    /**
     * One key and its value.
     *
     * @param key the key as written
     * @param keyLocation where the key is written
     * @param value the value, never null (an empty value is a null {@link YamlScalar})
     */
    public record Entry(String key, SourceLocation keyLocation, YamlNode value) {
        public Entry {
            if (key == null || keyLocation == null || value == null) {
                throw new IllegalArgumentException("key, keyLocation and value are required");
            }
        }
    }

    public YamlMap {
        if (entries == null || location == null) {
            throw new IllegalArgumentException("entries and location are required");
        }
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** An empty mapping at {@code location}. */
    public static YamlMap empty(SourceLocation location) {
        return new YamlMap(Map.of(), location);
    }

    /** The value under {@code key}, if present. */
    public Optional<YamlNode> get(String key) {
        Entry e = entries.get(key);
        return e == null ? Optional.empty() : Optional.of(e.value());
    }

    /** The entry under {@code key}, or null. */
    public Entry entry(String key) {
        return entries.get(key);
    }

    /** A copy with {@code key} set to {@code value} (replacing any previous value in place, or appended). */
    public YamlMap with(String key, SourceLocation keyLocation, YamlNode value) {
        Map<String, Entry> copy = new LinkedHashMap<>(entries);
        copy.put(key, new Entry(key, keyLocation, value));
        return new YamlMap(copy, location);
    }

    /** A copy without {@code key}. */
    public YamlMap without(String key) {
        Map<String, Entry> copy = new LinkedHashMap<>(entries);
        copy.remove(key);
        return new YamlMap(copy, location);
    }

    @Override
    public String describe() {
        return "a mapping";
    }

    @Override
    public Object toPlain() {
        Map<String, Object> out = new LinkedHashMap<>();
        entries.forEach((k, e) -> out.put(k, e.value().toPlain()));
        return out;
    }

    @Override
    public YamlMap at(SourceLocation location) {
        return new YamlMap(entries, location);
    }
}
