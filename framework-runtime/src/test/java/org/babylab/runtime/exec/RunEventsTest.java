package org.babylab.runtime.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.ProgressReporter;
import org.babylab.runtime.exec.fixtures.Experiments;
import org.babylab.runtime.exec.fixtures.Recorder;
import org.babylab.runtime.exec.fixtures.TestCatalog;
import org.babylab.runtime.internal.exec.DeviceInventory;
import org.babylab.runtime.internal.exec.Executor;
import org.babylab.runtime.internal.exec.ExecutorOptions;
import org.babylab.runtime.internal.exec.RunEvents;
import org.babylab.runtime.internal.exec.RunSummary;
import org.babylab.runtime.internal.model.DeviceSpec;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.plan.Planner;
import org.babylab.runtime.internal.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caller other than the console can observe a run through {@link RunEvents}: every step's start, end and reuse. */
class RunEventsTest {
    @TempDir
    Path dir;

    /** Records each event as "what name", in the order they arrive. */
    static final class RecordingEvents implements RunEvents {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void warning(String message) {
            events.add("warning " + message);
        }

        @Override
        public void killedAttempt(String stepName) {
            events.add("killed " + stepName);
        }

        @Override
        public void damaged(String stepName, String key) {
            events.add("damaged " + stepName);
        }

        @Override
        public void reused(PlannedStep step, boolean byAnotherRun) {
            events.add("reused " + step.name());
        }

        @Override
        public void keptPublished(PlannedStep step) {
            events.add("kept " + step.name());
        }

        @Override
        public void skipped(PlannedStep step, String failedUpstream) {
            events.add("skipped " + step.name());
        }

        @Override
        public void failed(PlannedStep step, String message, Path log) {
            events.add("failed " + step.name());
        }

        @Override
        public ProgressReporter started(PlannedStep step, DeviceLease lease) {
            events.add("started " + step.name());
            return ProgressReporter.none();
        }

        @Override
        public void finished(PlannedStep step) {
            events.add("finished " + step.name());
        }

        @Override
        public void ran(PlannedStep step, Duration took) {
            events.add("ran " + step.name());
        }

        @Override
        public void ranForKeptCheckpoints(PlannedStep step) {
            events.add("ran-for-kept " + step.name());
        }

        @Override
        public void cancelled(PlannedStep step, String said) {
            events.add("cancelled " + step.name());
        }

        @Override
        public void logLine(String line) {}

        @Override
        public void stopping(int running) {
            events.add("stopping");
        }

        @Override
        public void runCancelled(int unfinished) {
            events.add("run-cancelled");
        }

        @Override
        public void close() {
            events.add("close");
        }

        List<String> starting(String prefix) {
            return events.stream()
                    .filter(e -> e.startsWith(prefix + " "))
                    .map(e -> e.substring(prefix.length() + 1))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void a_listener_is_told_each_step_it_computes_and_on_a_rerun_each_step_it_reuses_then_closed_once()
            throws Exception {
        Experiments.writeCorpus(dir);
        Store store = new Store(dir.resolve("store"));
        TestCatalog catalog = TestCatalog.standard(new Recorder());
        Plan plan = new Planner(catalog, store).plan(Experiments.simple(dir));
        List<String> names =
                plan.steps().stream().map(PlannedStep::name).sorted().toList();
        Executor executor = new Executor(
                catalog,
                store,
                DeviceInventory.of(new DeviceSpec(2, List.of())),
                new ExecutorOptions(new PrintStream(OutputStream.nullOutputStream()), false, false));

        RecordingEvents first = new RecordingEvents();
        RunSummary ran = executor.run(plan, first);
        assertTrue(ran.succeeded(), first.events.toString());
        assertEquals(names, first.starting("started"), first.events.toString());
        assertEquals(names, first.starting("ran"));
        assertEquals(names, first.starting("finished"));
        assertEquals(List.of(), first.starting("reused"));
        assertEquals("close", first.events.get(first.events.size() - 1), "closed after the last step: " + first.events);
        for (String name : names) {
            assertTrue(
                    first.events.indexOf("started " + name) < first.events.indexOf("ran " + name),
                    name + ": " + first.events);
        }

        RecordingEvents second = new RecordingEvents();
        assertEquals(names.size(), executor.run(plan, second).reused());
        assertEquals(names, second.starting("reused"), second.events.toString());
        assertEquals(List.of(), second.starting("started"));
        assertEquals(1, second.events.stream().filter("close"::equals).count());
    }
}
