package org.babylab.runtime;

import java.nio.file.Path;
import java.time.Duration;
import org.babylab.api.step.ProgressReporter;
import org.babylab.runtime.internal.exec.ExecutionEvents;
import org.babylab.runtime.internal.plan.Step;

/** Turns the executor's step events into {@link BabyLabListener} calls with public {@link PlannedStep}s. */
final class ListenerEvents implements ExecutionEvents {
    private final BabyLabListener listener;

    ListenerEvents(BabyLabListener listener) {
        this.listener = listener;
    }

    static PlannedStep planned(Step step) {
        return new PlannedStep(step.name(), step.key(), step.kind(), step.type());
    }

    @Override
    public void reused(Step step) {
        listener.stepReused(planned(step));
    }

    @Override
    public void started(Step step) {
        listener.stepStarted(planned(step));
    }

    @Override
    public ProgressReporter progress(Step step, ProgressReporter console) {
        return new TeeReporter(planned(step), console, listener);
    }

    @Override
    public void finished(Step step, Duration took) {
        listener.stepFinished(planned(step), took);
    }

    @Override
    public void failed(Step step, String message, Path log) {
        listener.stepFailed(planned(step), message, log);
    }

    @Override
    public void skipped(Step step, String upstream) {
        listener.stepSkipped(planned(step), upstream);
    }

    @Override
    public void cancelled(Step step) {
        listener.stepCancelled(planned(step));
    }

    /**
     * Passes every report to the console and tells the listener the step's whole state after it.
     * Synchronized: a step may report from several threads, and each snapshot must be consistent.
     */
    private static final class TeeReporter implements ProgressReporter {
        private final PlannedStep step;
        private final ProgressReporter console;
        private final BabyLabListener listener;
        private String phase = "starting";
        private String unit = "";
        private long done;
        private long total;
        private String status = "";

        TeeReporter(PlannedStep step, ProgressReporter console, BabyLabListener listener) {
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
