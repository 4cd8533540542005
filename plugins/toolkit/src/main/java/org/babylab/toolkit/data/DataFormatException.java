package org.babylab.toolkit.data;

/**
 * Bad evaluation data: the message names the file (or zip entry), the line and what was expected.
 * Unchecked because it always means the data must be fixed, never that a caller can recover.
 */
public final class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataFormatException(String source, long line, String problem) {
        super(source + ":" + line + ": " + problem);
    }

    public DataFormatException(String source, long line, String problem, Throwable cause) {
        super(source + ":" + line + ": " + problem, cause);
    }
}
