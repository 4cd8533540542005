package org.babylab.runtime.internal.exec;

import java.nio.file.Path;
import java.time.Duration;
import org.babylab.api.step.ProgressReporter;
import org.babylab.runtime.internal.plan.Step;

/**
 * What the {@link Executor} tells its caller about each step, besides the console lines: the hook
 * the embedding API's listener ({@code org.babylab.runtime.BabyLabListener}) is driven by. Methods are
 * called from the scheduling thread and from step worker threads, so implementations must be
 * thread-safe and quick; an exception thrown here fails nothing but is not caught either, so do not
 * throw. Every method does nothing by default.
 */
public interface ExecutionEvents {
    /** Tells nothing to anyone. */
    ExecutionEvents NONE = new ExecutionEvents() {};

    /** {@code step}'s output was found complete in the store (computed earlier or by another run). */
    default void reused(Step step) {}

    /** {@code step} starts computing now, on a worker thread. */
    default void started(Step step) {}

    /**
     * The progress reporter a started step is given: {@code console} (the live display), or one that
     * also tells the caller. Called once per attempt, before the step's code runs.
     */
    default ProgressReporter progress(Step step, ProgressReporter console) {
        return console;
    }

    /** {@code step} was computed and published; {@code took} is its wall time (zero for a kept checkpoint its stage published). */
    default void finished(Step step, Duration took) {}

    /** {@code step} failed with {@code message}; {@code log} is its log file, or null when it never started. */
    default void failed(Step step, String message, Path log) {}

    /** {@code step} is not attempted because {@code upstream} (a step name) failed. */
    default void skipped(Step step, String upstream) {}

    /** {@code step} stopped at a safe point because the run was cancelled; nothing of it was published. */
    default void cancelled(Step step) {}
}
