package org.babylab.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.report.ResultsFiles;
import org.babylab.runtime.internal.report.ResultsTable;
import org.babylab.runtime.internal.slurm.ClusterSettings;
import org.babylab.runtime.internal.slurm.CommandLineSlurm;
import org.babylab.runtime.internal.slurm.JobLedger;
import org.babylab.runtime.internal.slurm.SlurmClient;
import org.babylab.runtime.internal.slurm.SlurmException;
import org.babylab.runtime.internal.slurm.SlurmExporter;
import org.babylab.runtime.internal.slurm.SlurmFollower;
import org.babylab.runtime.internal.slurm.SlurmSubmitter;
import org.babylab.runtime.internal.slurm.StatusReader;
import org.babylab.runtime.internal.slurm.StepStatus;

/**
 * {@code babylab run FILE --on slurm}: writes the scripts, submits the missing steps, and (unless
 * detached) follows the jobs to the end and prints the results table as a local run does.
 */
final class SlurmRun {
    /** Set by the {@code babylab} launcher script to its own absolute path. */
    static final String LAUNCHER_ENV = "BABYLAB_LAUNCHER";

    private final Session session;
    private final SlurmOptions options;
    private final String launcherOption;
    private final List<String> runArgs;
    private final PrintStream out;

    SlurmRun(Session session, SlurmOptions options, String launcherOption, List<String> runArgs, PrintStream out) {
        this.session = session;
        this.options = options;
        this.launcherOption = launcherOption;
        this.runArgs = List.copyOf(runArgs);
        this.out = out;
    }

    int run(Plan plan, boolean noSubmit, boolean detach, Duration poll) throws IOException {
        ClusterSettings settings = options.settings(session);
        SlurmExporter.JobTemplate template = new SlurmExporter.JobTemplate(session.experiment().file(), Path.of(""),
                launcher(settings), runArgs, settings);
        SlurmExporter exporter = new SlurmExporter(session.registry(), session.store());
        JobLedger ledger = options.ledger(session);
        String name = session.experiment().name();
        if (noSubmit) {
            int n = exporter.export(plan, ledger.dir(), template).size();
            out.println("wrote " + n + " sbatch script(s) for the steps not yet in the store into " + ledger.dir() + "; submit them with:");
            out.println("  bash " + ledger.dir().resolve("submit.sh"));
            return ExitCodes.OK;
        }
        SlurmClient slurm = new CommandLineSlurm();
        out.println("experiment " + name + ": " + plan.steps().size() + " steps; store " + session.store().root() + "; submitting to Slurm ("
                + ledger.dir() + ")");
        List<SlurmSubmitter.TrackedJob> jobs;
        try {
            jobs = new SlurmSubmitter(exporter, slurm, out).submit(plan, ledger, template);
        } catch (SlurmException e) {
            throw new UserError(e.getMessage() + "\n    jobs submitted before this are listed by: babylab status " + session.experiment().file());
        }
        if (jobs.isEmpty()) {
            out.println("every step is in the store already; nothing to submit");
        }
        if (detach) {
            out.println(jobs.size() + " job(s) queued; follow them with 'babylab status " + session.experiment().file()
                    + "', stop them with 'babylab cancel " + session.experiment().file() + "'");
            return ExitCodes.OK;
        }
        Instant start = Instant.now();
        List<StepStatus> last;
        try {
            out.println("following " + jobs.size() + " job(s) (Ctrl-C stops following; the jobs go on):");
            last = new SlurmFollower(new StatusReader(session.store(), slurm), out, poll).follow(plan, jobs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.STEP_FAILED;
        } catch (SlurmException e) {
            throw new UserError(e.getMessage());
        }
        ResultsTable table = ResultsTable.collect(plan, session.store(), session.registry());
        Path resultsDir = session.resultsDir();
        ResultsFiles.write(resultsDir, table, session.runInfo());
        out.println();
        out.println(table.render());
        out.println();
        RunCommand.writeReport(session, plan, table, resultsDir.resolve("report"), out);
        long done = last.stream().filter(s -> s.state() == StepStatus.State.DONE).count();
        List<StepStatus> failed = last.stream().filter(s -> s.state() == StepStatus.State.FAILED).toList();
        List<StepStatus> skipped = last.stream().filter(s -> s.state() == StepStatus.State.SKIPPED).toList();
        out.printf("%d done on Slurm, %d reused, %d failed, %d skipped in %.1fs; results in %s%n", done, plan.steps().size() - jobs.size(),
                failed.size(), skipped.size(), Duration.between(start, Instant.now()).toMillis() / 1000.0, resultsDir);
        for (StepStatus f : failed) {
            out.println("FAILED " + f.step().name() + ": job " + f.job() + " " + f.detail() + "\n    log: " + f.log());
        }
        for (StepStatus s : skipped) {
            out.println("SKIPPED " + s.step().name() + ": job " + s.job() + " " + s.detail());
        }
        return failed.isEmpty() && skipped.isEmpty() ? ExitCodes.OK : ExitCodes.STEP_FAILED;
    }

    /** The command jobs start BabyLab with: absolute when it is a path, so it works from any directory. */
    private String launcher(ClusterSettings settings) {
        String l = launcherOption != null ? launcherOption : settings.launcher() != null ? settings.launcher() : System.getenv(LAUNCHER_ENV);
        if (l == null || l.isBlank()) {
            throw new UserError("--on slurm needs the command that starts BabyLab on the nodes: give --launcher /shared/path/babylab"
                    + " or 'launcher:' in the cluster settings (the ./babylab launcher sets it itself)");
        }
        return l.contains("/") ? Path.of(l).toAbsolutePath().normalize().toString() : l;
    }
}
