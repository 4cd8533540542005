package org.babylab.runtime.internal.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a cache key is a hash of: everything that determines a step's output (or a source's
 * content). Two steps with equal documents compute the same thing, so they share one store entry.
 * Kept in every entry's metadata and in the key index so that a changed key can be explained field by
 * field.
 *
 * @param kind the component kind, e.g. {@code stage}
 * @param type the factory's type id
 * @param version the factory's {@code version()}
 * @param codeDigest the plugin's code digest
 * @param config the resolved config as a JSON-like tree (hashed canonically, so key order is irrelevant)
 * @param seed the step's derived seed, or null for sources (datasets, curricula), which have none
 * @param inputs referenced components by name: a step's key or a source's fingerprint
 * @param files data files read, by path as written (relative to the experiment's directory when
 *     below it), mapped to their content SHA-256
 */
public record KeyDocument(
        String kind,
        String type,
        String version,
        String codeDigest,
        Map<String, Object> config,
        Long seed,
        Map<String, String> inputs,
        Map<String, String> files) {
    public KeyDocument {
        if (kind == null || type == null || version == null || codeDigest == null || config == null) {
            throw new IllegalArgumentException(
                    "kind, type, version, codeDigest and config are required in a key document");
        }
        inputs = inputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(inputs));
        files = files == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(files));
    }

    /** The key: SHA-256 hex of this document's canonical JSON. */
    public String key() {
        return Sha256.ofString(Json.canonical(this));
    }
}
