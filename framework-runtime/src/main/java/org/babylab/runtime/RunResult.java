package org.babylab.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a local run did.
 *
 * <p>Added in API 0.6.
 *
 * @param ran steps computed by this run
 * @param reused steps found complete in the store
 * @param failed steps that failed (or could never get their devices)
 * @param skipped steps not attempted because a step they need failed, or because the run was cancelled
 * @param failures one entry per failed step
 * @param elapsed the run's wall time
 * @param cancelled true when the run was cancelled (SIGTERM, Ctrl-C)
 */
public record RunResult(
        int ran, int reused, int failed, int skipped, List<FailedStep> failures, Duration elapsed, boolean cancelled) {
    public RunResult {
        if (ran < 0 || reused < 0 || failed < 0 || skipped < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
        failures = List.copyOf(failures);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** True when every step ran or was reused. */
    public boolean succeeded() {
        return failed == 0 && skipped == 0;
    }
}
