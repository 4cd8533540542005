package org.babylab.runtime.internal.exec;

import java.nio.file.Path;
import java.time.Duration;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.ProgressReporter;
import org.babylab.runtime.internal.plan.PlannedStep;

/**
 * What a run tells its observer, one call per event, from the scheduling loop and from worker
 * threads at once (implementations are thread-safe). The console ({@link ConsoleRunEvents}) turns
 * them into the {@code [start]}, {@code [run]}, {@code [cached]} … lines and the live progress area;
 * an embedding caller can receive the same events instead.
 */
public interface RunEvents extends AutoCloseable {
    /** Something went wrong that does not stop the run (it cannot clean stale attempts, record a failure …). */
    void warning(String message);

    /** The previous attempt at {@code stepName} (or an unknown step, by its short key) was killed. */
    void killedAttempt(String stepName);

    /** A store entry failed verification and was moved aside; {@code stepName} is null when unknown. */
    void damaged(String stepName, String key);

    /** {@code step}'s entry is complete and is reused; {@code byAnotherRun} when another launcher computed it while this one waited. */
    void reused(PlannedStep step, boolean byAnotherRun);

    /** A kept checkpoint was published during this run by its stage's step. */
    void keptPublished(PlannedStep step);

    /** {@code step} will not run because {@code failedUpstream} (a step name) failed. */
    void skipped(PlannedStep step, String failedUpstream);

    /** {@code step} failed; {@code log} is its log when it got as far as writing one, else null. */
    void failed(PlannedStep step, String message, Path log);

    /**
     * {@code step} starts computing on {@code lease}; returns the reporter the step's context hands
     * to the plugin ({@link ProgressReporter#none()} to ignore its progress).
     */
    ProgressReporter started(PlannedStep step, DeviceLease lease);

    /** {@code step} has stopped computing (whatever the outcome). */
    void finished(PlannedStep step);

    /** {@code step} computed and published its output in {@code took}. */
    void ran(PlannedStep step, Duration took);

    /** {@code step}'s output was stored already; it trained again only to publish missing kept checkpoints. */
    void ranForKeptCheckpoints(PlannedStep step);

    /** {@code step} stopped at a safe point after a cancellation; nothing was published. */
    void cancelled(PlannedStep step, String said);

    /** A line of a step's log, echoed when the run is verbose. */
    void logLine(String line);

    /** Cancellation reached a run with {@code running} steps in flight; they are awaited. */
    void stopping(int running);

    /** The run ended cancelled with {@code unfinished} steps not finished. Called after {@link #close()}. */
    void runCancelled(int unfinished);

    /** The run's loop has ended: no step is running any more. */
    @Override
    void close();
}
