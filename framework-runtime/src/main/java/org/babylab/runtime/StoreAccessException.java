package org.babylab.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The store directory cannot be used: it is a file, or it cannot be created. {@link #getMessage()}
 * says why; {@link #dir()} is the directory that was asked for, so a caller can name the option or
 * setting it came from.
 *
 * <p>Added in API 0.6.
 */
public final class StoreAccessException extends BabyLabException {
    private static final long serialVersionUID = 1L;
    private final transient Path dir;

    StoreAccessException(Path dir, String reason, Throwable cause) {
        super(reason, cause);
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** The store directory that could not be used, absolute and normalised. */
    public Path dir() {
        return dir;
    }
}
