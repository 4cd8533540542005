package org.babylab.runtime.internal.exec;

import java.nio.file.Path;
import java.util.Optional;
import org.babylab.api.eval.PredictionSink;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.Inputs;
import org.babylab.api.step.PhaseContext;
import org.babylab.api.step.ProgressReporter;
import org.babylab.api.step.StepContext;

/**
 * The {@link StepContext} the executor gives a running step: its attempt's private output directory,
 * its crash-surviving checkpoint directory, its log, inputs, progress, predictions, device lease and
 * cancellation flag. Thread-safe.
 */
final class RuntimeStepContext implements StepContext {
    private final String stepName;
    private final String stepKey;
    private final Path baseDir;
    private final long seed;
    private final Path outputDir;
    private final Path checkpointDir;
    private final StepLog log;
    private final StepInputs inputs;
    private final ProgressReporter progress;
    private final JsonlPredictionSink predictions;
    private final DeviceLease lease;
    private final java.util.function.IntSupplier threadsNow;
    private final Optional<PhaseContext> phase;
    private final KeptCheckpoints kept;
    private volatile boolean cancelled;

    RuntimeStepContext(
            String stepName,
            String stepKey,
            Path baseDir,
            long seed,
            Path outputDir,
            Path checkpointDir,
            StepLog log,
            StepInputs inputs,
            ProgressReporter progress,
            JsonlPredictionSink predictions,
            DeviceLease lease,
            java.util.function.IntSupplier threadsNow,
            PhaseContext phase,
            KeptCheckpoints kept) {
        this.stepName = stepName;
        this.stepKey = stepKey;
        this.baseDir = baseDir;
        this.seed = seed;
        this.outputDir = outputDir;
        this.checkpointDir = checkpointDir;
        this.log = log;
        this.inputs = inputs;
        this.progress = progress;
        this.predictions = predictions;
        this.lease = lease;
        this.threadsNow = threadsNow;
        this.phase = Optional.ofNullable(phase);
        this.kept = kept;
    }

    @Override
    public String stepName() {
        return stepName;
    }

    @Override
    public String stepKey() {
        return stepKey;
    }

    @Override
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public void log(String message) {
        log.line(message);
    }

    @Override
    public DeviceLease device() {
        return lease;
    }

    @Override
    public int cpuThreadsNow() {
        return threadsNow.getAsInt();
    }

    @Override
    public Path outputDir() {
        return outputDir;
    }

    @Override
    public Path checkpointDir() {
        return checkpointDir;
    }

    @Override
    public Inputs inputs() {
        return inputs;
    }

    @Override
    public ProgressReporter progress() {
        return progress;
    }

    @Override
    public PredictionSink predictions() {
        return predictions;
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public Optional<PhaseContext> phase() {
        return phase;
    }

    @Override
    public Optional<org.babylab.api.eval.EvaluatedModel> evaluatedModel() {
        return inputs.evaluatedModel();
    }

    @Override
    public java.util.Set<String> pendingCheckpoints() {
        return kept == null ? java.util.Set.of() : kept.pending();
    }

    @Override
    public void publishCheckpoint(String name, CheckpointWriter writer) throws Exception {
        if (kept == null) {
            StepContext.super.publishCheckpoint(name, writer);
            return;
        }
        kept.publish(name, writer);
        log.line("kept checkpoint " + name + " published");
    }

    /** Asks the step to stop (Ctrl-C); it will not be published. */
    void cancel() {
        cancelled = true;
    }
}
