package org.babylab.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.ProgressReporter;
import org.babylab.runtime.internal.exec.RunEvents;
import org.babylab.runtime.internal.plan.PlannedStep;

/**
 * The executor's run events passed on to the console unchanged and told to a {@link BabyLabListener}
 * with public {@link StudyStep}s: the console keeps printing exactly what it printed, and the
 * listener hears each step's fate once.
 */
final class ListenerEvents implements RunEvents {
    private final RunEvents console;
    private final BabyLabListener listener;
    /** When each running step started (by key), for the duration of a stage that trained only for its kept checkpoints. */
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();

    ListenerEvents(RunEvents console, BabyLabListener listener) {
        this.console = console;
        this.listener = listener;
    }

    @Override
    public void warning(String message) {
        console.warning(message);
    }

    @Override
    public void killedAttempt(String stepName) {
        console.killedAttempt(stepName);
    }

    @Override
    public void damaged(String stepName, String key) {
        // The listener hears of damage from the store itself (BabyLab registers it when opening the store).
        console.damaged(stepName, key);
    }

    @Override
    public void reused(PlannedStep step, boolean byAnotherRun) {
        console.reused(step, byAnotherRun);
        listener.stepReused(StudyStep.of(step));
    }

    @Override
    public void keptPublished(PlannedStep step) {
        console.keptPublished(step);
        // Published by its stage's step during this run: computed here, in no time of its own.
        listener.stepFinished(StudyStep.of(step), Duration.ZERO);
    }

    @Override
    public void skipped(PlannedStep step, String failedUpstream) {
        console.skipped(step, failedUpstream);
        listener.stepSkipped(StudyStep.of(step), failedUpstream);
    }

    @Override
    public void failed(PlannedStep step, String message, Path log) {
        console.failed(step, message, log);
        listener.stepFailed(StudyStep.of(step), message, log);
    }

    @Override
    public ProgressReporter started(PlannedStep step, DeviceLease lease) {
        ProgressReporter shown = console.started(step, lease);
        StudyStep s = StudyStep.of(step);
        startedAt.put(step.key(), Instant.now());
        listener.stepStarted(s);
        return new TeeReporter(s, shown, listener);
    }

    @Override
    public void finished(PlannedStep step) {
        console.finished(step);
        startedAt.remove(step.key());
    }

    @Override
    public void ran(PlannedStep step, Duration took) {
        console.ran(step, took);
        listener.stepFinished(StudyStep.of(step), took);
    }

    @Override
    public void ranForKeptCheckpoints(PlannedStep step) {
        console.ranForKeptCheckpoints(step);
        Instant start = startedAt.get(step.key());
        listener.stepFinished(
                StudyStep.of(step), start == null ? Duration.ZERO : Duration.between(start, Instant.now()));
    }

    @Override
    public void cancelled(PlannedStep step, String said) {
        console.cancelled(step, said);
        listener.stepCancelled(StudyStep.of(step));
    }

    @Override
    public void logLine(String line) {
        console.logLine(line);
    }

    @Override
    public void stopping(int running) {
        console.stopping(running);
    }

    @Override
    public void runCancelled(int unfinished) {
        console.runCancelled(unfinished);
    }

    @Override
    public void close() {
        console.close();
    }

    /**
     * Passes every report to the console and tells the listener the step's whole state after it.
     * Synchronized: a step may report from several threads, and each snapshot must be consistent.
     */
    private static final class TeeReporter implements ProgressReporter {
        private final StudyStep step;
        private final ProgressReporter console;
        private final BabyLabListener listener;
        private String phase = "starting";
        private String unit = "";
        private long done;
        private long total;
        private String status = "";

        TeeReporter(StudyStep step, ProgressReporter console, BabyLabListener listener) {
            this.step = step;
            this.console = console;
            this.listener = listener;
        }

        @Override
        public synchronized void start(String phase, String unit, long total) {
            console.start(phase, unit, total);
            this.phase = phase == null ? "" : phase;
            this.unit = unit;
            this.total = Math.max(0, total);
            this.done = 0;
            tell();
        }

        @Override
        public synchronized void advance(long n) {
            console.advance(n);
            done = Math.max(0, done + n);
            tell();
        }

        @Override
        public synchronized void status(String text) {
            console.status(text);
            status = text;
            tell();
        }

        private void tell() {
            listener.stepProgress(step, new ProgressSnapshot(phase, unit, done, total, status));
        }
    }
}
