package org.babylab.runtime.internal.store;

/**
 * A step's last failed attempt, kept until the step succeeds, so that results tables can show
 * {@code FAIL} rather than a blank.
 *
 * @param key the step key
 * @param stepName the step's name
 * @param message the error
 * @param logFile the log with the stack trace
 * @param failedAt ISO-8601 instant
 */
public record FailureRecord(String key, String stepName, String message, String logFile, String failedAt) {}
