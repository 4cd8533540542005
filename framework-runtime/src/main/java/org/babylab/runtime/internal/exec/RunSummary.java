package org.babylab.runtime.internal.exec;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Executor#run} did.
 *
 * @param ran steps computed by this run
 * @param reused steps found complete in the store
 * @param failed steps that threw (or could never get their devices)
 * @param skipped steps not attempted because something upstream failed
 * @param failures one entry per failed step
 * @param elapsed wall time of the run
 * @param cancelled true when the run was cancelled (SIGTERM, Ctrl-C): steps not started count as skipped
 */
public record RunSummary(
        int ran, int reused, int failed, int skipped, List<StepFailure> failures, Duration elapsed, boolean cancelled) {
    public RunSummary {
        failures = List.copyOf(failures);
    }

    /** A summary of a run that was not cancelled. */
    public RunSummary(int ran, int reused, int failed, int skipped, List<StepFailure> failures, Duration elapsed) {
        this(ran, reused, failed, skipped, failures, elapsed, false);
    }

    /** True when every step ran or was reused. */
    public boolean succeeded() {
        return failed == 0 && skipped == 0;
    }
}
