package org.babylab.api.step;

import java.nio.file.Path;
import java.util.Optional;
import org.babylab.api.eval.PredictionSink;

/**
 * Everything a step may use while it runs. Provided by the runtime; one instance per step run.
 *
 * <p>A step writes only below {@link #outputDir()} and {@link #checkpointDir()}. The output
 * directory is private to this attempt and is published atomically by the runtime when the step
 * returns normally; a crash leaves no visible output. The checkpoint directory survives crashes and
 * is removed once the step's output is published.
 */
public interface StepContext extends ComponentContext, LoadContext {

    /** The name of the step as shown in plans, e.g. {@code stage:pretrain[model=llama100m]}. */
    String stepName();

    /** The step's cache key (lower-case hex SHA-256). */
    String stepKey();

    /** This attempt's private output directory; exists and is empty when the step starts. */
    Path outputDir();

    /** A directory that survives a crash of this step, for resumable checkpoints. */
    Path checkpointDir();

    /** The components this step's config references, loaded, by their declared names. */
    Inputs inputs();

    /** Reports progress; a no-op when not on a terminal. */
    ProgressReporter progress();

    /** Receives per-item predictions (used by evaluators). */
    PredictionSink predictions();

    /**
     * The curriculum phase this step runs, when the step is one phase of a stage whose config
     * references a curriculum; empty otherwise. Defaults to empty.
     */
    default Optional<PhaseContext> phase() {
        return Optional.empty();
    }

    /** Writes a kept checkpoint's files (for a model: {@code model.save(dir)}) into an empty directory. Added in API 0.5. */
    @FunctionalInterface
    interface CheckpointWriter {
        void write(Path dir) throws Exception;
    }

    /**
     * The names of this stage's kept checkpoints ({@link org.babylab.api.spi.TrainingStageFactory#keptCheckpoints})
     * that the store does not hold yet: the ones to pass to {@link #publishCheckpoint} when training
     * reaches them. Defaults to none. Added in API 0.5.
     */
    default java.util.Set<String> pendingCheckpoints() {
        return java.util.Set.of();
    }

    /**
     * Publishes kept checkpoint {@code name} as its own store entry, with the same atomic publish,
     * verification and provenance as a step's output: {@code writer} fills a private directory,
     * which is published when it returns. Does nothing when the entry already exists. Added in API 0.5.
     *
     * @throws IllegalArgumentException if {@code name} is not one of this stage's planned checkpoints
     */
    default void publishCheckpoint(String name, CheckpointWriter writer) throws Exception {
        throw new IllegalArgumentException("this step keeps no checkpoints; '" + name + "' is not planned");
    }

    /**
     * The model an evaluation step scores (the one passed to
     * {@link org.babylab.api.eval.Evaluator#evaluate}): its name and store key. Empty for other steps, and
     * by default. Added in API 0.6.
     */
    default Optional<org.babylab.api.eval.EvaluatedModel> evaluatedModel() {
        return Optional.empty();
    }

    /** True once the user or the scheduler asked this step to stop; long loops should check it. */
    boolean cancelled();
}
