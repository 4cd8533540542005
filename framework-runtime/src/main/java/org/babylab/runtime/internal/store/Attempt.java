package org.babylab.runtime.internal.store;

import java.nio.file.Path;

/**
 * One in-progress computation of a key: a private temp directory that becomes the entry when
 * {@link Store#publish} renames it. Until then nothing under it is visible as an entry.
 *
 * @param key the key being computed
 * @param dir the temp directory, {@code tmp/<key>-<uuid>}
 */
public record Attempt(String key, Path dir) {
    /** Where the step writes its output; exists and is empty when the attempt begins. */
    public Path outputDir() {
        return dir.resolve(Store.OUTPUT);
    }
}
