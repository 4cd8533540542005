package org.babylab.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.babylab.runtime.BabyLabException;
import org.babylab.runtime.Devices;
import org.babylab.runtime.FailedStep;
import org.babylab.runtime.Results;
import org.babylab.runtime.RunOptions;
import org.babylab.runtime.RunResult;
import org.babylab.runtime.Study;
import org.babylab.runtime.StudyPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code babylab run FILE}: plans the experiment, runs what is not cached, prints the results table. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Check, plan and run an experiment (every sweep trial); finished steps are reused.")
class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ExperimentOptions common;

    @Option(
            names = "--devices",
            paramLabel = "SPEC",
            description = "Declare devices instead of detecting them, e.g. 'cpu=2' or 'cpu=8,gpu=80GB,gpu=80GB'.")
    String devices;

    @Option(
            names = {"-v", "--verbose"},
            description = "Echo step logs to the console.")
    boolean verbose;

    @Option(names = "--no-progress", description = "Plain lines instead of the live progress display.")
    boolean noProgress;

    @Option(
            names = "--progress-every",
            paramLabel = "INTERVAL",
            description =
                    "Without a terminal (nohup, Slurm, CI): print each running step's progress (steps, rate, ETA, loss)"
                            + " this often, e.g. 30s, 2m (default: $" + ProgressInterval.ENV + ", else 30s).")
    String progressEvery;

    @Option(
            names = "--on",
            paramLabel = "TARGET",
            defaultValue = "local",
            description =
                    "Where to run: 'local' (default) or 'slurm' (submit each missing step as a job after its inputs' jobs,"
                            + " follow them and print the results table).")
    String target;

    @Mixin
    SlurmOptions slurm;

    @Option(
            names = "--launcher",
            paramLabel = "CMD",
            description =
                    "With --on slurm: the command that starts BabyLab on the nodes (default: the cluster settings' 'launcher',"
                            + " else this ./babylab launcher).")
    String launcher;

    @Option(
            names = "--detach",
            description = "With --on slurm: submit and return at once (see 'babylab status' and 'babylab cancel').")
    boolean detach;

    @Option(names = "--no-submit", description = "With --on slurm: only write the sbatch scripts and a submit.sh.")
    boolean noSubmit;

    @Option(
            names = "--poll",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description =
                    "With --on slurm: how often to ask Slurm about the jobs while following them (default: ${DEFAULT-VALUE}).")
    double pollSeconds;

    @Option(
            names = "--only-step",
            paramLabel = "KEY",
            description =
                    "Run only this step (a key or unique key prefix) and what it needs; used by cluster jobs (repeatable).")
    java.util.List<String> onlySteps = new java.util.ArrayList<>();

    @Override
    public Integer call() throws IOException {
        Session session = Session.open(common, spec.commandLine().getErr());
        Study study = session.study();
        StudyPlan full = study.plan();
        StudyPlan plan = onlySteps.isEmpty()
                ? full
                : full.upTo(onlySteps.stream().map(k -> resolveKey(full, k)).toList());
        PrintStream out = System.out;
        switch (target) {
            case "local" -> {}
            case "slurm" -> {
                return exportToSlurm(study, plan, out);
            }
            default -> throw new UserError("--on must be 'local' or 'slurm', not '" + target + "'");
        }
        Devices declared = devices == null ? null : parseDevices(devices);
        boolean interactive = !noProgress && System.console() != null && System.getenv("CI") == null;
        java.time.Duration every = ProgressInterval.resolve(progressEvery, System.getenv());
        out.println("experiment " + study.name() + ": " + plan.steps().size() + " steps, " + study.trialCount()
                + " trial(s); store " + study.storeDir());
        RunResult summary = study.run(plan, new RunOptions(declared, out, verbose, interactive, every));

        // The table of the whole experiment, also after --only-step, so a cluster job's log shows where the study
        // stands.
        Results table = full.results();
        Path resultsDir = study.resultsDir();
        if (onlySteps.isEmpty()) {
            // A cluster job (--only-step) computes one step; the follower writes the study's results
            // and report once at the end, so jobs neither race on these files nor redraw the report.
            table.writeFiles();
        }
        out.println();
        out.println(table.render());
        out.println();
        if (onlySteps.isEmpty()) {
            writeReport(study, table, resultsDir.resolve("report"), out);
        }
        out.printf(
                "%d ran, %d reused, %d failed, %d skipped in %.1fs; results in %s%n",
                summary.ran(),
                summary.reused(),
                summary.failed(),
                summary.skipped(),
                summary.elapsed().toMillis() / 1000.0,
                resultsDir);
        for (FailedStep f : summary.failures()) {
            out.println("FAILED " + f.name() + ": " + f.message() + "\n    log: " + f.log());
        }
        return summary.failed() > 0 || summary.skipped() > 0 ? ExitCodes.STEP_FAILED : ExitCodes.OK;
    }

    /**
     * Writes the report after a run. A report that cannot be drawn loses nothing already computed:
     * the results files are written before it, and {@code babylab report} retries it.
     */
    static void writeReport(Study study, Results table, Path dir, PrintStream out) {
        try {
            table.writeReport(dir);
            out.println("report: " + dir.resolve("index.html"));
        } catch (RuntimeException e) {
            out.println("report not written (" + e.getMessage()
                    + "); the results files are; retry with: babylab report " + study.file());
        }
    }

    /** Submits the plan's missing steps to Slurm (see {@link SlurmRun}); the jobs share this launch's store and overrides. */
    private int exportToSlurm(Study study, StudyPlan plan, PrintStream out) throws IOException {
        if (!onlySteps.isEmpty()) {
            throw new UserError("--only-step runs one step where it is started; it cannot be combined with --on slurm");
        }
        java.util.List<String> runArgs = new java.util.ArrayList<>(
                java.util.List.of("--store", study.storeDir().toString(), "--no-progress"));
        common.overrides.forEach(o -> runArgs.addAll(java.util.List.of("--set", o)));
        common.pluginDirs.forEach(p ->
                runArgs.addAll(java.util.List.of("--plugins", p.toAbsolutePath().toString())));
        if (!(pollSeconds > 0)) {
            throw new UserError("--poll must be a positive number of seconds, not " + pollSeconds);
        }
        return new SlurmRun(study, slurm.jobs(study), launcher, runArgs, out)
                .run(plan, noSubmit, detach, java.time.Duration.ofMillis((long) (pollSeconds * 1000)));
    }

    /** A full key, from a key or a unique prefix of one. */
    private static String resolveKey(StudyPlan plan, String prefix) {
        java.util.List<String> matches = plan.steps().stream()
                .map(s -> s.key())
                .filter(k -> k.startsWith(prefix))
                .toList();
        if (matches.size() != 1) {
            throw new UserError("--only-step " + prefix + " matches " + matches.size() + " steps of "
                    + plan.study().name() + "; give a longer key prefix (see 'babylab plan')");
        }
        return matches.get(0);
    }

    /** {@link Devices#parse} of {@code --devices SPEC}, its refusals naming the option. */
    static Devices parseDevices(String text) {
        try {
            return Devices.parse(text);
        } catch (BabyLabException e) {
            throw new UserError("--devices: " + e.getMessage());
        }
    }
}
