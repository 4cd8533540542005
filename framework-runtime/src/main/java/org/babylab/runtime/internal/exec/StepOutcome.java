package org.babylab.runtime.internal.exec;

import java.nio.file.Path;
import org.babylab.api.step.DeviceLease;
import org.babylab.runtime.internal.plan.PlannedStep;

/**
 * What a worker reports back to the scheduling loop about one step.
 *
 * @param state the step's new state: RAN, REUSED, FAILED, or PENDING when cancelled
 * @param message why it failed, else null
 * @param log the step's log file
 */
record StepOutcome(PlannedStep step, DeviceLease lease, StepState state, String message, Path log) {}
