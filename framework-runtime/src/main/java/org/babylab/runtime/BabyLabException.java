package org.babylab.runtime;

/**
 * A request the embedding API refuses, with a message meant for the user as it is: a missing
 * experiment file, a step selector that matches nothing, a store that cannot be opened, bad cluster
 * settings, an unknown device. Callers show {@link #getMessage()}; no stack trace is needed. Problems
 * inside an experiment file are an {@link ExperimentException} instead, which lists each with its
 * location.
 *
 * <p>Added in API 0.6.
 */
public class BabyLabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BabyLabException(String message) {
        super(message);
    }

    public BabyLabException(String message, Throwable cause) {
        super(message, cause);
    }
}
