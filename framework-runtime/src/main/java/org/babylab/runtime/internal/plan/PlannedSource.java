package org.babylab.runtime.internal.plan;

import java.util.Map;
import org.babylab.runtime.internal.model.ComponentDecl;
import org.babylab.runtime.internal.store.KeyDocument;

/**
 * A dataset, curriculum or chat template: not computed, only read, so it is not a step; its fingerprint (the hash of
 * its type, version, code, config, data files and, for curricula, its datasets' fingerprints) feeds
 * the keys of the steps that reference it. Immutable.
 *
 * @param fingerprint SHA-256 hex of {@link #document()}
 * @param decl its declaration
 * @param inputs referenced datasets by name to their fingerprints
 * @param document what the fingerprint hashes
 */
public record PlannedSource(String fingerprint, ComponentDecl decl, Map<String, String> inputs, KeyDocument document) {
    public PlannedSource {
        inputs = Map.copyOf(inputs);
    }
}
