package org.babylab.runtime;

/**
 * How bad a {@link Problem} is: errors stop the run before any step starts, warnings do not.
 *
 * <p>Added in API 0.6 (before, {@code org.babylab.runtime.Severity}, not API).
 */
public enum Severity {
    ERROR,
    WARNING
}
