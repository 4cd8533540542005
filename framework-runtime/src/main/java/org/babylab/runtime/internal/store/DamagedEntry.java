package org.babylab.runtime.internal.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A store entry found damaged and moved aside; the step will be computed again.
 *
 * @param key the entry's key
 * @param stepName the step that produced it, when its metadata could still be read; else null
 * @param movedTo where the damaged files now are (the entry's own directory if they could not be moved)
 * @param problems one line per damaged file, naming it
 */
public record DamagedEntry(String key, String stepName, Path movedTo, List<String> problems) {
    public DamagedEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(movedTo, "movedTo");
        problems = List.copyOf(problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a damaged entry names at least one problem");
        }
    }

    /** One line for a user: what was damaged, where it went, what happens next. */
    public String describe() {
        return "store entry " + key.substring(0, 12) + (stepName == null ? "" : " (" + stepName + ")")
                + " was damaged (" + String.join("; ", problems) + "); moved aside to " + movedTo
                + "; it will be computed again";
    }
}
