package org.babylab.runtime;

/**
 * One thing wrong with an experiment, collected as data so that every problem is reported at once.
 *
 * <p>Added in API 0.6 (before, {@code org.babylab.runtime.Problem}, not API).
 *
 * @param severity error or warning
 * @param location where, as precisely as known
 * @param message what is wrong, naming the bad value
 * @param hint what would be valid (did-you-mean, known ids), or empty
 */
public record Problem(Severity severity, SourceLocation location, String message, String hint) {
    public Problem {
        if (severity == null || location == null || message == null) {
            throw new IllegalArgumentException("severity, location and message are required");
        }
        hint = hint == null ? "" : hint;
    }

    public static Problem error(SourceLocation at, String message, String hint) {
        return new Problem(Severity.ERROR, at, message, hint);
    }

    public static Problem warning(SourceLocation at, String message, String hint) {
        return new Problem(Severity.WARNING, at, message, hint);
    }

    /** {@code file:line:col: error: message (hint)}, the format editors and terminals link. */
    @Override
    public String toString() {
        return location + ": " + severity.name().toLowerCase() + ": " + message
                + (hint.isEmpty() ? "" : "\n    " + hint);
    }
}
