package org.babylab.runtime.internal.store;

import java.io.IOException;
import java.util.List;

/** A complete store entry whose files no longer matched its manifest; it has been moved aside. Names every bad file. */
public final class CorruptEntryException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptEntryException(String key, java.nio.file.Path movedTo, List<String> problems) {
        super("store entry " + key + " is damaged:\n  " + String.join("\n  ", problems) + "\n  it was moved aside to "
                + movedTo + "; run again to compute it anew");
    }
}
