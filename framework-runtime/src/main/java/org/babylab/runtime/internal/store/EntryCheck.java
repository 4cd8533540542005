package org.babylab.runtime.internal.store;

import java.util.List;

/**
 * The outcome of {@link Store#verify(String)}.
 *
 * @param key the entry checked
 * @param problems one line per missing, changed or unexpected file (naming it); empty when intact
 */
public record EntryCheck(String key, List<String> problems) {
    public EntryCheck {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
