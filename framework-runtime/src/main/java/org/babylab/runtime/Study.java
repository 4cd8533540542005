package org.babylab.runtime;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.exec.ExecutorOptions;
import org.babylab.runtime.internal.exec.RunSummary;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.model.ExperimentDefinition;
import org.babylab.runtime.internal.plan.KeyExplainer;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.report.ResultsFiles;
import org.babylab.runtime.internal.report.RunInfo;
import org.babylab.runtime.internal.store.EntryMetadata;
import org.babylab.runtime.internal.store.Store;

/**
 * A checked experiment file (every sweep trial) with its overrides and its open store, as
 * {@link BabyLab#load} returns it. Plan it with {@link #plan()}, run a plan with {@link #run}.
 * Thread-safe; valid until its {@link BabyLab} is closed.
 *
 * <p>Added in API 0.6.
 */
public final class Study {
    private final BabyLab lab;
    private final ExperimentDefinition definition;
    private final Store store;
    private final List<String> overrides;

    Study(BabyLab lab, ExperimentDefinition definition, Store store, List<String> overrides) {
        this.lab = lab;
        this.definition = definition;
        this.store = store;
        this.overrides = List.copyOf(overrides);
    }

    /** The {@code experiment:} name. */
    public String name() {
        return definition.name();
    }

    /** The experiment file as it was given to {@link BabyLab#load}. */
    public Path file() {
        return definition.file();
    }

    /** The {@code --set} overrides it was loaded with. */
    public List<String> overrides() {
        return overrides;
    }

    /** How many sweep trials it has (1 without a sweep). */
    public int trialCount() {
        return definition.trials().size();
    }

    /** The warnings found while loading it (errors are thrown by {@link BabyLab#load}). */
    public List<Problem> problems() {
        return definition.problems();
    }

    /** The root of its store, absolute. */
    public Path storeDir() {
        return store.root();
    }

    /**
     * Where its results tables and report are written: beside the store, by experiment name, in a
     * directory of its own for each set of overrides.
     */
    public Path resultsDir() {
        return ResultsFiles.dir(store.root().resolveSibling("results"), definition.name(), overrides);
    }

    /**
     * The DAG of its steps with their chained keys; nothing runs. A step is stored once a run (this
     * one, another, or a cluster job) has computed it.
     *
     * @throws ExperimentException when a step's key cannot be computed (an input file vanished)
     */
    public StudyPlan plan() {
        return new StudyPlan(this, new Planner(lab.plugins(), store).plan(definition));
    }

    /**
     * Runs every step of {@code plan} that is not stored, on the devices of {@code options}, and
     * blocks until all have finished, failed or been skipped; the listener hears of each. A failing
     * step fails only what depends on it. On SIGTERM or Ctrl-C, running steps stop at their next
     * safe point (training saves a checkpoint) and the result is {@linkplain RunResult#cancelled() cancelled}.
     *
     * @param plan a plan of this study ({@link #plan()}, perhaps {@linkplain StudyPlan#upTo narrowed})
     * @return counts and failures; never throws for a failing step
     */
    public RunResult run(StudyPlan plan, RunOptions options) {
        if (plan.study() != this) {
            throw new IllegalArgumentException(
                    "the plan is of study " + plan.study().name() + ", not of this one");
        }
        Devices d = options.devices();
        DeviceInventory inventory = d != null
                ? DeviceInventory.of(new DeviceSpec(d.cpuThreads(), d.gpuMemoryBytes()))
                : definition.devices() != null ? DeviceInventory.of(definition.devices()) : DeviceInventory.detect();
        BabyLabListener listener = lab.listener();
        listener.runStarted(plan);
        Executor executor = new Executor(
                lab.plugins(),
                store,
                inventory,
                new ExecutorOptions(
                        options.console(), options.verbose(), options.interactiveProgress(), options.progressEvery()));
        RunSummary s = executor.run(plan.plan(), new ListenerEvents(executor.consoleEvents(), listener));
        RunResult result = new RunResult(
                s.ran(),
                s.reused(),
                s.failed(),
                s.skipped(),
                s.failures().stream()
                        .map(f -> new FailedStep(f.stepName(), f.key(), f.message(), f.logFile()))
                        .toList(),
                s.elapsed(),
                s.cancelled());
        listener.runFinished(result);
        return result;
    }

    /**
     * Which parts of two stored keys' key documents differ (config fields, data files, code digests,
     * inputs, recursively), as {@code babylab explain --keys A B} prints it.
     */
    public String compareKeys(String keyA, String keyB) {
        return new KeyExplainer(store).compare(keyA, keyB);
    }

    /**
     * Its jobs on a Slurm cluster.
     *
     * @param slurmDir where its sbatch scripts, job logs and job ledger live; null for {@code slurm/<experiment>} beside the store
     * @param profile the lab's cluster profile; null for {@code $BABYLAB_CLUSTER}, else
     *     {@code ~/.config/babylab/cluster.yaml} when it exists
     */
    public SlurmJobs slurm(Path slurmDir, Path profile) {
        Path dir = slurmDir != null
                ? slurmDir
                : store.root().resolveSibling("slurm").resolve(definition.name());
        return new SlurmJobs(this, dir.toAbsolutePath().normalize(), profile);
    }

    ExperimentDefinition definition() {
        return definition;
    }

    Store store() {
        return store;
    }

    BabyLab lab() {
        return lab;
    }

    /** What produced results written now: file, overrides, date, version, store. */
    RunInfo runInfo() {
        return new RunInfo(
                definition.name(),
                definition.file(),
                overrides,
                Instant.now(),
                EntryMetadata.Environment.current().babylabVersion(),
                store.root());
    }
}
