package org.babylab.runtime.internal.exec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.ProgressReporter;
import org.babylab.runtime.internal.plan.PlannedStep;

/**
 * The console's view of a run: each event as one line, through a {@link ProgressBoard} (so that in
 * a terminal the lines go above the live area of running steps). Lines about the run as a whole
 * (killed attempts, damaged entries, stopping, the cancellation count) go straight to the stream,
 * as they may come before the board draws or after it has closed.
 */
final class ConsoleRunEvents implements RunEvents {
    private final PrintStream out;
    private final ProgressBoard board;

    ConsoleRunEvents(ExecutorOptions options) {
        this.out = options.out();
        this.board = new ProgressBoard(options.out(), options.interactiveProgress(), options.progressEvery());
    }

    @Override
    public void warning(String message) {
        board.line("[warn] " + message);
    }

    @Override
    public void killedAttempt(String stepName) {
        out.println(
                "[warn] the last attempt at " + stepName + " ended without finishing or failing: its process was killed"
                        + " (SIGKILL: most often the kernel's out-of-memory killer, see 'dmesg'; or kill -9, or a time limit)."
                        + " It is computed again; see docs/performance.md for peak memory by model size");
    }

    @Override
    public void damaged(String stepName, String key) {
        out.println(
                "[damaged] " + (stepName == null ? key.substring(0, 12) : stepName + " (" + key.substring(0, 12) + ")")
                        + ": its store entry failed verification and was moved aside; computing it again");
    }

    @Override
    public void reused(PlannedStep step, boolean byAnotherRun) {
        board.line("[cached] " + step.name() + " (" + step.shortKey() + ")"
                + (byAnotherRun ? " computed by another run" : ""));
    }

    @Override
    public void keptPublished(PlannedStep step) {
        board.line("[kept] " + step.name() + " (" + step.shortKey() + ")");
    }

    @Override
    public void skipped(PlannedStep step, String failedUpstream) {
        board.line("[skip] " + step.name() + ": upstream failed: " + failedUpstream);
    }

    @Override
    public void failed(PlannedStep step, String message, Path log) {
        board.line("[FAIL] " + step.name() + " (" + step.shortKey() + "): " + message
                + (log == null ? "" : "; see " + log));
    }

    @Override
    public ProgressReporter started(PlannedStep step, DeviceLease lease) {
        return board.started(
                step.key(), step.name(), "[start] " + step.name() + " (" + step.shortKey() + ") on " + describe(lease));
    }

    @Override
    public void finished(PlannedStep step) {
        board.finished(step.key());
    }

    @Override
    public void ran(PlannedStep step, Duration took) {
        board.line("[run] " + step.name() + " (" + step.shortKey() + ") " + StepProgress.formatDuration(took));
    }

    @Override
    public void ranForKeptCheckpoints(PlannedStep step) {
        board.line("[run] " + step.name() + " (" + step.shortKey() + ") for its kept checkpoints");
    }

    @Override
    public void cancelled(PlannedStep step, String said) {
        board.line("[cancelled] " + step.name() + " (" + step.shortKey() + "): " + said);
    }

    @Override
    public void logLine(String line) {
        board.line(line);
    }

    @Override
    public void stopping(int running) {
        out.println("[stopping] cancelled: waiting for " + running + " running step(s) to reach a safe point"
                + " (training saves a checkpoint there); nothing new starts");
        out.flush();
    }

    @Override
    public void runCancelled(int unfinished) {
        out.println("[cancelled] " + unfinished + " step(s) not finished; run again to continue");
    }

    @Override
    public void close() {
        board.close();
    }

    /** How a lease reads in a step's start line and log. */
    static String describe(DeviceLease lease) {
        return lease.gpus().isEmpty() ? "cpu x" + lease.cpuThreads() : lease.gpus() + " + cpu x" + lease.cpuThreads();
    }
}
