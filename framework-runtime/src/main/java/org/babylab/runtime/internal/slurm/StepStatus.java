package org.babylab.runtime.internal.slurm;

import org.babylab.runtime.internal.plan.PlannedStep;

/**
 * Where one step of a study stands on the cluster.
 *
 * @param step the step
 * @param state its state
 * @param job the id of its latest Slurm job, or null when none was submitted
 * @param log that job's Slurm log, or null
 * @param detail what Slurm or the store says, e.g. {@code FAILED (NonZeroExitCode)}; may be empty
 */
public record StepStatus(PlannedStep step, State state, String job, String log, String detail) {
    /** The states a step can be in. */
    public enum State {
        /** Its output is in the store. */
        DONE,
        /** Its job runs. */
        RUNNING,
        /** Its job waits in the queue (for resources, for its inputs, or to run again after a requeue). */
        QUEUED,
        /** Its job ended without an output. */
        FAILED,
        /** Slurm cancelled its job because an input's job failed. */
        SKIPPED,
        /** No job of it is known. */
        NOT_SUBMITTED;

        /** True for queued and running steps, which a follower keeps waiting for. */
        public boolean isActive() {
            return this == RUNNING || this == QUEUED;
        }
    }

    public StepStatus {
        if (step == null || state == null) {
            throw new IllegalArgumentException("step and state are required");
        }
        detail = detail == null ? "" : detail;
    }
}
