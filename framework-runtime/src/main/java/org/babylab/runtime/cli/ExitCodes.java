package org.babylab.runtime.cli;

/** The CLI's exit codes. */
final class ExitCodes {
    static final int OK = 0;
    static final int STEP_FAILED = 1;
    static final int INVALID = 2;
    static final int INTERNAL = 3;

    private ExitCodes() {}
}
