package org.babylab.runtime.internal.slurm;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;

/**
 * Submits a plan's missing steps as Slurm jobs, each after the jobs of its inputs
 * ({@code afterok}, with {@code --kill-on-invalid-dep=yes} so that a failure cancels what waits for
 * it instead of leaving it pending forever). A step whose job from an earlier submission is still
 * queued or running is not submitted again: its job is reused, also as a dependency. Holding the
 * ledger's lock from export to the last sbatch makes two submissions at once queue one set of jobs.
 */
public final class SlurmSubmitter {
    private final SlurmExporter exporter;
    private final SlurmClient slurm;
    private final PrintStream out;

    public SlurmSubmitter(SlurmExporter exporter, SlurmClient slurm, PrintStream out) {
        this.exporter = exporter;
        this.slurm = slurm;
        this.out = out;
    }

    /**
     * One step's job after submission.
     *
     * @param step the step
     * @param job its job id
     * @param log its Slurm log
     * @param reused true when an earlier submission's job was still live and is followed instead
     */
    public record TrackedJob(PlannedStep step, String job, String log, boolean reused) {}

    /** Exports and submits; returns the jobs of the missing steps in plan order. */
    public List<TrackedJob> submit(Plan plan, JobLedger ledger, SlurmExporter.JobTemplate template) throws IOException {
        return ledger.locked(() -> {
            List<SlurmExporter.ExportedJob> exported = exporter.export(plan, ledger.dir(), template);
            Map<String, JobLedger.Submission> latest = ledger.latest();
            List<String> earlier = exported.stream()
                    .map(e -> latest.get(e.step().key()))
                    .filter(s -> s != null)
                    .map(JobLedger.Submission::job)
                    .toList();
            Map<String, JobState> states = slurm.jobs(earlier);
            Map<String, String> jobOf = new HashMap<>();
            List<TrackedJob> tracked = new ArrayList<>();
            List<JobLedger.Submission> added = new ArrayList<>();
            try {
                for (SlurmExporter.ExportedJob e : exported) {
                    PlannedStep step = e.step();
                    JobLedger.Submission before = latest.get(step.key());
                    JobState state = before == null ? null : states.get(before.job());
                    if (state != null && state.isLive()) {
                        jobOf.put(step.key(), before.job());
                        tracked.add(new TrackedJob(step, before.job(), before.log(), true));
                        out.println("  " + step.name() + ": job " + before.job() + " from an earlier submission is "
                                + state.describe() + "; following it");
                        continue;
                    }
                    List<String> after = step.dependsOn().stream()
                            .filter(jobOf::containsKey)
                            .map(jobOf::get)
                            .toList();
                    String id = slurm.submit(e.script(), after);
                    jobOf.put(step.key(), id);
                    tracked.add(new TrackedJob(step, id, e.log(id), false));
                    added.add(new JobLedger.Submission(
                            step.key(),
                            step.name(),
                            id,
                            e.log(id),
                            Instant.now().toString()));
                    out.println("  " + step.name() + ": job " + id
                            + (after.isEmpty() ? "" : " after " + String.join(",", after)) + ", "
                            + describe(e.resources()));
                }
            } finally {
                // Whatever was queued before a refusal is recorded, so status and cancel still find it.
                ledger.append(added);
            }
            return tracked;
        });
    }

    private static String describe(JobResources r) {
        return r.cpus() + " CPU" + (r.cpus() == 1 ? "" : "s")
                + (r.gpus() > 0 ? ", " + r.gpus() + " GPU" + (r.gpus() == 1 ? "" : "s") : "") + ", "
                + r.limits().memMegabytes() + "M, " + r.limits().time()
                + (r.partition() == null ? "" : ", partition " + r.partition());
    }
}
