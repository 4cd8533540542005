package org.babylab.runtime.internal.exec;

/** Where a planned step stands in one run. */
enum StepState {
    /** Not started (or cancelled before it finished: a re-run continues it). */
    PENDING,
    /** Computing on a worker thread. */
    RUNNING,
    /** Computed and published by this run. */
    RAN,
    /** Its complete entry was reused. */
    REUSED,
    /** Failed; its dependents are skipped. */
    FAILED,
    /** Not run because a step it depends on failed. */
    SKIPPED
}
