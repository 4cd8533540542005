package org.babylab.runtime.cli;

/** A mistake on the command line (a missing file, a step that does not exist): reported without a stack trace. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }
}
