package org.babylab.runtime.internal.slurm;

import java.util.Set;

/**
 * One Slurm job as {@code squeue --states=all} shows it.
 *
 * @param id the job id
 * @param state Slurm's state, e.g. {@code PENDING}, {@code RUNNING}, {@code COMPLETED}, {@code FAILED}
 * @param reason Slurm's reason, e.g. {@code Dependency}, {@code DependencyNeverSatisfied}, {@code NonZeroExitCode}
 * @param name the job name
 */
record JobState(String id, String state, String reason, String name) {
    /** States of jobs that have not ended yet (a requeued job starts again). */
    private static final Set<String> LIVE = Set.of(
            "PENDING",
            "RUNNING",
            "CONFIGURING",
            "COMPLETING",
            "REQUEUED",
            "REQUEUE_HOLD",
            "REQUEUE_FED",
            "RESIZING",
            "SUSPENDED",
            "SIGNALING",
            "STAGE_OUT",
            "RESV_DEL_HOLD",
            "STOPPED",
            "SPECIAL_EXIT");

    public JobState {
        if (id == null || state == null) {
            throw new IllegalArgumentException("id and state are required");
        }
        reason = reason == null || reason.equals("None") || reason.equals("(null)") ? "" : reason;
        name = name == null ? "" : name;
    }

    /** True while the job is queued, running or about to run again. */
    public boolean isLive() {
        return LIVE.contains(state);
    }

    /** State and reason, e.g. {@code CANCELLED (DependencyNeverSatisfied)}. */
    public String describe() {
        return reason.isEmpty() ? state : state + " (" + reason + ")";
    }
}
