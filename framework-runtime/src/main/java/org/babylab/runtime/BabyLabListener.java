package org.babylab.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link BabyLab} tells its caller while it loads plugins and experiments and runs steps: the
 * {@code babylab} command's console is one implementation, the test kit's event recorder another.
 * Every method does nothing by default.
 *
 * <p>Contract: methods are called from the caller's thread while loading, and from the scheduler's
 * and the steps' worker threads during {@link Study#run}, so implementations must be thread-safe and
 * quick (a step waits while its progress is reported). A listener must not throw: an exception
 * escapes into the runtime, which does not catch it. For one step, {@link #stepStarted} precedes its
 * {@link #stepProgress} calls, which precede exactly one of {@link #stepFinished},
 * {@link #stepFailed} or {@link #stepCancelled}; a step that does not start gets one of
 * {@link #stepReused}, {@link #stepFailed} (it could never get its devices) or {@link #stepSkipped}.
 *
 * <p>Added in API 0.6.
 */
public interface BabyLabListener {
    /** Tells nothing to anyone. */
    BabyLabListener NONE = new BabyLabListener() {};

    /**
     * A problem with a plugin met while loading plugins (an incompatible jar, a type id provided
     * twice); an {@link Severity#ERROR} means that plugin was not loaded.
     */
    default void pluginProblem(Problem problem) {}

    /** A warning about the experiment file being loaded; errors are thrown as {@link ExperimentException} instead. */
    default void experimentWarning(Problem warning) {}

    /** A store entry failed verification and was moved aside; {@code description} says which, where to, and that it is computed again. */
    default void storeEntryDamaged(String description) {}

    /** A run of {@code plan} starts: called once before any step event. */
    default void runStarted(StudyPlan plan) {}

    /** {@code step}'s output is in the store already: it is not computed again. */
    default void stepReused(StudyStep step) {}

    /** {@code step} starts computing. */
    default void stepStarted(StudyStep step) {}

    /** {@code step} reported progress; called from its own thread, possibly many times a second. */
    default void stepProgress(StudyStep step, ProgressSnapshot progress) {}

    /** {@code step} was computed and stored; {@code took} is its wall time (zero for a kept checkpoint its stage stored). */
    default void stepFinished(StudyStep step, Duration took) {}

    /** {@code step} failed with {@code message}; {@code log} holds its stack trace, or is null when it never started. */
    default void stepFailed(StudyStep step, String message, Path log) {}

    /** {@code step} is not attempted because {@code upstream}, a step it needs, failed. */
    default void stepSkipped(StudyStep step, String upstream) {}

    /** {@code step} stopped at a safe point because the run was cancelled; nothing of it was stored. */
    default void stepCancelled(StudyStep step) {}

    /** The run ended: called once, after every step event. */
    default void runFinished(RunResult result) {}
}
