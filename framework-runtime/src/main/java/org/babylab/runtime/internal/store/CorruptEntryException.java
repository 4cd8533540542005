package org.babylab.runtime.internal.store;

import java.io.IOException;
import java.util.List;

/** A complete store entry whose files no longer match its manifest. Names every bad file. */
public final class CorruptEntryException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptEntryException(String key, java.nio.file.Path entryDir, List<String> problems) {
        super("store entry " + key + " at " + entryDir + " is corrupt:\n  " + String.join("\n  ", problems)
                + "\n  delete that directory to recompute it");
    }
}
