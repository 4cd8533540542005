package org.babylab.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A step that failed in a run.
 *
 * <p>Added in API 0.6.
 *
 * @param name its name in the plan
 * @param key its key
 * @param message what went wrong
 * @param log its log file, holding the stack trace; null when the step never started
 */
public record FailedStep(String name, String key, String message, Path log) {
    public FailedStep {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }
}
