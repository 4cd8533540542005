package org.babylab.runtime;

/**
 * A place in a YAML file (or on the command line), for messages.
 *
 * <p>Added in API 0.6 (before, {@code org.babylab.runtime.SourceLocation}, not API).
 *
 * @param file the file as the user named it, or {@code "<command line>"}; never null
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record SourceLocation(String file, int line, int column) {
    public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0, 0);

    public SourceLocation {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0");
        }
    }

    /** {@code file:line:col}, omitting unknown parts. */
    @Override
    public String toString() {
        if (line == 0) {
            return file;
        }
        return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
    }
}
