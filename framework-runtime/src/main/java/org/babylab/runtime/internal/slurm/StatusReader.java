package org.babylab.runtime.internal.slurm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.store.FailureRecord;
import org.babylab.runtime.internal.store.Store;

/**
 * Maps a study's Slurm jobs back to its steps: the store says what is done, the ledger which job
 * ran (or runs) each step, and Slurm what became of that job. Stateless apart from its collaborators.
 */
public final class StatusReader {
    private final Store store;
    private final SlurmClient slurm;

    public StatusReader(Store store, SlurmClient slurm) {
        this.store = store;
        this.slurm = slurm;
    }

    /** The status of every step of {@code plan}, in plan order, given each step's latest submission. */
    public List<StepStatus> read(Plan plan, Map<String, JobLedger.Submission> latest) {
        List<String> ids = new ArrayList<>();
        for (PlannedStep s : plan.steps()) {
            JobLedger.Submission sub = latest.get(s.key());
            if (sub != null) {
                ids.add(sub.job());
            }
        }
        Map<String, JobState> jobs = slurm.jobs(ids);
        List<StepStatus> out = new ArrayList<>();
        for (PlannedStep s : plan.steps()) {
            out.add(status(s, latest.get(s.key()), jobs));
        }
        return out;
    }

    /** The status of one step. */
    StepStatus status(PlannedStep step, JobLedger.Submission sub, Map<String, JobState> jobs) {
        String job = sub == null ? null : sub.job();
        String log = sub == null ? null : sub.log();
        JobState state = job == null ? null : jobs.get(job);
        if (state != null && state.isLive() && !store.isComplete(step.key())) {
            return new StepStatus(
                    step,
                    state.state().equals("RUNNING")
                                    || state.state().equals("COMPLETING")
                                    || state.state().equals("CONFIGURING")
                            ? StepStatus.State.RUNNING
                            : StepStatus.State.QUEUED,
                    job,
                    log,
                    state.describe());
        }
        if (store.isComplete(step.key())) {
            return new StepStatus(step, StepStatus.State.DONE, job, log, state == null ? "" : state.describe());
        }
        if (job == null) {
            return new StepStatus(step, StepStatus.State.NOT_SUBMITTED, null, null, "");
        }
        if (state != null && state.reason().startsWith("Dependency")) {
            return new StepStatus(
                    step, StepStatus.State.SKIPPED, job, log, state.describe() + ": an input's job failed");
        }
        String what = state == null ? "job ended (Slurm no longer lists it)" : state.describe();
        Optional<FailureRecord> f = failure(step.key());
        return new StepStatus(
                step,
                StepStatus.State.FAILED,
                job,
                log,
                f.map(r -> what + ": " + r.message()).orElse(what));
    }

    private Optional<FailureRecord> failure(String key) {
        try {
            return store.failure(key);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
