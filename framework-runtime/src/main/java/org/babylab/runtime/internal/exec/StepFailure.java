package org.babylab.runtime.internal.exec;

import java.nio.file.Path;

/**
 * A step that failed.
 *
 * @param stepName its name in the plan
 * @param key its key
 * @param message what went wrong (the exception message)
 * @param logFile its log, holding the stack trace; may be null when the step never started
 */
public record StepFailure(String stepName, String key, String message, Path logFile) {}
