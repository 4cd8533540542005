package org.babylab.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.babylab.runtime.internal.slurm.ClusterSettings;
import org.babylab.runtime.internal.slurm.ClusterSettingsException;
import org.babylab.runtime.internal.slurm.ClusterSettingsReader;
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
 * A study's jobs on a Slurm cluster ({@link Study#slurm}): each missing step becomes an sbatch job
 * that starts BabyLab on a node with {@code run --only-step KEY}, after its inputs' jobs
 * ({@code afterok}); the jobs share the study's store. A job ledger in {@link #dir()} remembers what
 * was submitted, so status, following and cancelling work from any later process. Uses the
 * {@code sbatch}, {@code squeue}, {@code sacct} and {@code scancel} commands on the path.
 *
 * <p>Added in API 0.6.
 */
public final class SlurmJobs {
    /** The environment variable naming a lab's cluster profile. */
    public static final String PROFILE_ENV = "BABYLAB_CLUSTER";
    /** Set by the {@code babylab} launcher script to its own absolute path: the default command jobs start BabyLab with. */
    public static final String LAUNCHER_ENV = "BABYLAB_LAUNCHER";

    private final Study study;
    private final Path dir;
    private final Path profile;
    private final SlurmClient slurm = new CommandLineSlurm();

    SlurmJobs(Study study, Path dir, Path profile) {
        this.study = study;
        this.dir = dir;
        this.profile = profile;
    }

    /** The state of one step on the cluster. */
    public enum State {
        /** Its output is in the store. */
        DONE,
        /** Its job runs. */
        RUNNING,
        /** Its job waits in the queue. */
        QUEUED,
        /** Its job ended without an output. */
        FAILED,
        /** Slurm cancelled its job because an input's job failed. */
        SKIPPED,
        /** No job of it is known. */
        NOT_SUBMITTED;

        /** True for queued and running steps. */
        public boolean isActive() {
            return this == RUNNING || this == QUEUED;
        }
    }

    /**
     * One step's state on the cluster.
     *
     * @param step the step
     * @param state its state
     * @param job its latest job id, or null when none is known
     * @param log its job's Slurm log, or null
     * @param detail why it failed or waits (Slurm's reason), or empty
     * @param line the status as one console line, as {@code babylab status} prints it
     */
    public record StepState(StudyStep step, State state, String job, String log, String detail, String line) {
        public StepState {
            Objects.requireNonNull(step, "step");
            Objects.requireNonNull(state, "state");
            detail = detail == null ? "" : detail;
            Objects.requireNonNull(line, "line");
        }
    }

    /** A submitted (or still live, earlier submitted) job, to {@linkplain #follow follow}. */
    public static final class Job {
        private final SlurmSubmitter.TrackedJob tracked;

        private Job(SlurmSubmitter.TrackedJob tracked) {
            this.tracked = tracked;
        }

        /** Its step's name. */
        public String stepName() {
            return tracked.step().name();
        }

        /** Its job id. */
        public String id() {
            return tracked.job();
        }

        /** True when an earlier submission's job was still live and is followed instead of submitting again. */
        public boolean reused() {
            return tracked.reused();
        }
    }

    /** Where the study's sbatch scripts, job logs and job ledger live, absolute. */
    public Path dir() {
        return dir;
    }

    /**
     * The command jobs start BabyLab with: {@code option}, else the cluster settings' {@code launcher:},
     * else {@value #LAUNCHER_ENV}; absolute when it is a path, so it works from any directory.
     *
     * @throws BabyLabException when none is given, or the cluster settings are invalid
     */
    public String launcher(String option) {
        ClusterSettings settings = settings(); // read first: invalid settings are reported before anything else
        String l = option != null
                ? option
                : settings.launcher() != null
                        ? settings.launcher()
                        : study.lab().environment().get(LAUNCHER_ENV);
        if (l == null || l.isBlank()) {
            throw new BabyLabException(
                    "--on slurm needs the command that starts BabyLab on the nodes: give --launcher /shared/path/babylab"
                            + " or 'launcher:' in the cluster settings (the ./babylab launcher sets it itself)");
        }
        return l.contains("/") ? Path.of(l).toAbsolutePath().normalize().toString() : l;
    }

    /**
     * Writes an sbatch script per step of {@code plan} not yet stored, and a {@code submit.sh} that
     * submits them in order, into {@link #dir()}; submits nothing.
     *
     * @param launcher the command that starts BabyLab on the nodes ({@link #launcher})
     * @param runArgs arguments every job's {@code run} gets besides the file and {@code --only-step}
     * @return how many scripts were written
     * @throws BabyLabException when the cluster settings are invalid
     */
    public int writeScripts(StudyPlan plan, String launcher, List<String> runArgs) throws IOException {
        return exporter().export(plan.plan(), dir, template(launcher, runArgs)).size();
    }

    /**
     * Submits every step of {@code plan} that is neither stored nor queued or running already,
     * printing each submission to {@code out}.
     *
     * @return the jobs of the missing steps, in plan order
     * @throws BabyLabException when Slurm refuses a job (jobs submitted before it stay queued) or the settings are invalid
     */
    public List<Job> submit(StudyPlan plan, String launcher, List<String> runArgs, PrintStream out) throws IOException {
        try {
            return new SlurmSubmitter(exporter(), slurm, out)
                    .submit(plan.plan(), new JobLedger(dir), template(launcher, runArgs)).stream()
                            .map(Job::new)
                            .toList();
        } catch (SlurmException e) {
            throw new BabyLabException(
                    e.getMessage() + "\n    jobs submitted before this are listed by: babylab status " + study.file(),
                    e);
        }
    }

    /**
     * Follows {@code jobs} until none is queued or running, printing each change of state to
     * {@code out} and polling Slurm every {@code poll}.
     *
     * @return the final state of every step of {@code plan}
     * @throws InterruptedException when the caller stops following (the jobs go on)
     * @throws BabyLabException when Slurm cannot be asked
     */
    public List<StepState> follow(StudyPlan plan, List<Job> jobs, PrintStream out, Duration poll)
            throws InterruptedException {
        try {
            return states(
                    plan,
                    new SlurmFollower(new StatusReader(study.store(), slurm), out, poll)
                            .follow(
                                    plan.plan(),
                                    jobs.stream().map(j -> j.tracked).toList()));
        } catch (SlurmException e) {
            throw new BabyLabException(e.getMessage(), e);
        }
    }

    /**
     * The state of every step of {@code plan}: from the store, then the latest job of each in the
     * ledger as Slurm reports it.
     *
     * @throws BabyLabException when Slurm cannot be asked
     */
    public List<StepState> status(StudyPlan plan) throws IOException {
        try {
            return states(plan, new StatusReader(study.store(), slurm).read(plan.plan(), new JobLedger(dir).latest()));
        } catch (SlurmException e) {
            throw new BabyLabException(e.getMessage(), e);
        }
    }

    /**
     * Cancels the queued and running jobs of {@code plan}'s steps; what is stored stays.
     *
     * @return the steps whose jobs were cancelled, with the state they were in; empty when none was live
     * @throws BabyLabException when Slurm cannot be asked or refuses
     */
    public List<StepState> cancelActive(StudyPlan plan) throws IOException {
        JobLedger ledger = new JobLedger(dir);
        try {
            List<StepStatus> live =
                    ledger
                            .locked(() -> new StatusReader(study.store(), slurm).read(plan.plan(), ledger.latest()))
                            .stream()
                            .filter(s -> s.state().isActive())
                            .toList();
            if (!live.isEmpty()) {
                slurm.cancel(live.stream().map(StepStatus::job).distinct().toList());
            }
            return states(plan, live);
        } catch (SlurmException e) {
            throw new BabyLabException(e.getMessage(), e);
        }
    }

    private static List<StepState> states(StudyPlan plan, List<StepStatus> statuses) {
        return statuses.stream()
                .map(s -> new StepState(
                        StudyStep.of(s.step()),
                        State.valueOf(s.state().name()),
                        s.job(),
                        s.log(),
                        s.detail(),
                        SlurmFollower.line(s)))
                .toList();
    }

    private SlurmExporter exporter() {
        return new SlurmExporter(study.lab().plugins(), study.store());
    }

    private SlurmExporter.JobTemplate template(String launcher, List<String> runArgs) {
        return new SlurmExporter.JobTemplate(study.file(), Path.of(""), launcher, runArgs, settings());
    }

    /** The experiment's {@code cluster:} settings over the lab profile's. */
    private ClusterSettings settings() {
        try {
            ClusterSettings lab = ClusterSettings.NONE;
            Path file = profileFile();
            if (file != null) {
                lab = ClusterSettingsReader.fromProfile(file);
            }
            return ClusterSettingsReader.fromExperiment(study.file()).over(lab);
        } catch (ClusterSettingsException e) {
            throw new BabyLabException(e.getMessage(), e);
        }
    }

    private Path profileFile() {
        if (profile != null) {
            return profile;
        }
        String env = study.lab().environment().get(PROFILE_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path home = Path.of(System.getProperty("user.home"), ".config", "babylab", "cluster.yaml");
        return Files.isRegularFile(home) ? home : null;
    }
}
