package org.babylab.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.babylab.runtime.Results;
import org.babylab.runtime.SlurmJobs;
import org.babylab.runtime.Study;
import org.babylab.runtime.StudyPlan;

/**
 * {@code babylab run FILE --on slurm}: writes the scripts, submits the missing steps, and (unless
 * detached) follows the jobs to the end and prints the results table as a local run does.
 */
final class SlurmRun {
    private final Study study;
    private final SlurmJobs jobs;
    private final String launcherOption;
    private final List<String> runArgs;
    private final PrintStream out;

    SlurmRun(Study study, SlurmJobs jobs, String launcherOption, List<String> runArgs, PrintStream out) {
        this.study = study;
        this.jobs = jobs;
        this.launcherOption = launcherOption;
        this.runArgs = List.copyOf(runArgs);
        this.out = out;
    }

    int run(StudyPlan plan, boolean noSubmit, boolean detach, Duration poll) throws IOException {
        String launcher = jobs.launcher(launcherOption);
        String name = study.name();
        if (noSubmit) {
            int n = jobs.writeScripts(plan, launcher, runArgs);
            out.println("wrote " + n + " sbatch script(s) for the steps not yet in the store into " + jobs.dir()
                    + "; submit them with:");
            out.println("  bash " + jobs.dir().resolve("submit.sh"));
            return ExitCodes.OK;
        }
        out.println("experiment " + name + ": " + plan.steps().size() + " steps; store " + study.storeDir()
                + "; submitting to Slurm (" + jobs.dir() + ")");
        List<SlurmJobs.Job> submitted = jobs.submit(plan, launcher, runArgs, out);
        if (submitted.isEmpty()) {
            out.println("every step is in the store already; nothing to submit");
        }
        if (detach) {
            out.println(submitted.size() + " job(s) queued; follow them with 'babylab status " + study.file()
                    + "', stop them with 'babylab cancel " + study.file() + "'");
            return ExitCodes.OK;
        }
        Instant start = Instant.now();
        List<SlurmJobs.StepState> last;
        try {
            out.println("following " + submitted.size() + " job(s) (Ctrl-C stops following; the jobs go on):");
            last = jobs.follow(plan, submitted, out, poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.STEP_FAILED;
        }
        Results table = plan.results();
        Path resultsDir = study.resultsDir();
        table.writeFiles();
        out.println();
        out.println(table.render());
        out.println();
        RunCommand.writeReport(study, table, resultsDir.resolve("report"), out);
        long done = last.stream().filter(s -> s.state() == SlurmJobs.State.DONE).count();
        List<SlurmJobs.StepState> failed =
                last.stream().filter(s -> s.state() == SlurmJobs.State.FAILED).toList();
        List<SlurmJobs.StepState> skipped =
                last.stream().filter(s -> s.state() == SlurmJobs.State.SKIPPED).toList();
        out.printf(
                "%d done on Slurm, %d reused, %d failed, %d skipped in %.1fs; results in %s%n",
                done,
                plan.steps().size() - submitted.size(),
                failed.size(),
                skipped.size(),
                Duration.between(start, Instant.now()).toMillis() / 1000.0,
                resultsDir);
        for (SlurmJobs.StepState f : failed) {
            out.println("FAILED " + f.step().name() + ": job " + f.job() + " " + f.detail() + "\n    log: " + f.log());
        }
        for (SlurmJobs.StepState s : skipped) {
            out.println("SKIPPED " + s.step().name() + ": job " + s.job() + " " + s.detail());
        }
        return failed.isEmpty() && skipped.isEmpty() ? ExitCodes.OK : ExitCodes.STEP_FAILED;
    }
}
