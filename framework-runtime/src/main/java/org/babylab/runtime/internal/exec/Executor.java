package org.babylab.runtime.internal.exec;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.babylab.api.step.ResourceRequest;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.store.Store;

/**
 * Runs a {@link Plan}: reuses every step whose entry is complete, and computes the others as soon as
 * their inputs are done and their {@link ResourceRequest} fits the free devices, several at a time.
 *
 * <p>Each computation holds the key's store lock, so two launchers sharing a store never compute one
 * step twice (the second waits and then reuses). Output goes to a private attempt directory that is
 * published atomically, so a failure, a kill or Ctrl-C leaves nothing partial; running again resumes.
 * A failed step's dependents are skipped; independent steps carry on.
 *
 * <p>Shutdown: {@link #cancel()} (called by the JVM shutdown hook on SIGTERM or Ctrl-C) starts
 * nothing new, asks every running step to stop at its next safe point (training stages write their
 * checkpoint there), and the hook waits until every step has returned: the JVM never exits while a
 * step is inside native code (PyTorch), which would crash it.
 *
 * <p>The parts: {@link StepScheduler} (the ready scan and resource leases), {@link StepComputation}
 * (one step: lock, attempt, publish) with a {@link KindRunner} per step kind, {@link ProvenanceRecorder}
 * (the metadata of an entry), and {@link RunEvents} (what the console, or an embedding caller, is told).
 *
 * <p>One executor may run several plans, one after the other; {@link #run} is not re-entrant.
 */
public final class Executor {
    private final ComponentCatalog catalog;
    private final Store store;
    private final DeviceInventory devices;
    private final ExecutorOptions options;
    private final InputLoader loader;
    private final Set<RuntimeStepContext> live = ConcurrentHashMap.newKeySet();
    /** Kept checkpoints ({@code pretrain@10M}) that a training step published during the current run. */
    private final Set<String> keptThisRun = ConcurrentHashMap.newKeySet();

    private volatile boolean cancelled;
    private volatile CountDownLatch settled = new CountDownLatch(0);
    /** The current run's events, for the shutdown hook's message; null between runs. */
    private volatile RunEvents events;

    public Executor(ComponentCatalog catalog, Store store, DeviceInventory devices, ExecutorOptions options) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.options = Objects.requireNonNull(options, "options");
        this.loader = new InputLoader(catalog, store);
    }

    /**
     * Runs everything runnable in {@code plan} and blocks until it has finished, printing its
     * progress to the options' stream.
     *
     * @return counts and failures; never throws for a failing step
     */
    public RunSummary run(Plan plan) {
        return run(plan, consoleEvents());
    }

    /**
     * The events that print this executor's console lines ({@code [start]}, {@code [run]},
     * {@code [cached]} …) to its options' stream: what {@link #run(Plan)} uses, and what a caller
     * that also wants the events wraps.
     */
    public RunEvents consoleEvents() {
        return new ConsoleRunEvents(options);
    }

    /**
     * Runs everything runnable in {@code plan}, telling {@code events} what happens, and blocks until
     * it has finished. {@code events} is closed when the last step has returned.
     *
     * @return counts and failures; never throws for a failing step
     */
    public RunSummary run(Plan plan, RunEvents events) {
        Instant start = Instant.now();
        cancelled = false;
        keptThisRun.clear();
        settled = new CountDownLatch(1);
        this.events = events;
        try {
            reportKilledAttempts(plan, store.cleanStaleAttemptKeys(), events);
        } catch (IOException e) {
            events.warning("could not clean stale attempts in " + store.root() + ": " + e.getMessage());
        }
        Runnable stopListening = store.onDamage(d -> events.damaged(d.stepName(), d.key()));
        StepComputation computation = new StepComputation(
                catalog, store, options.verbose(), loader, events, () -> cancelled, live, keptThisRun);
        StepScheduler scheduler =
                new StepScheduler(plan, catalog, store, devices, events, computation, () -> cancelled, keptThisRun);
        Thread hook = new Thread(this::cancelAndAwaitSafePoint, "babylab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (events) {
            scheduler.schedule();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelAndWait();
        } finally {
            stopListening.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook is running or has run.
            }
            settled.countDown();
        }
        int ran = scheduler.count(StepState.RAN);
        int reused = scheduler.count(StepState.REUSED);
        int failed = scheduler.count(StepState.FAILED);
        int skipped = scheduler.count(StepState.SKIPPED) + scheduler.count(StepState.PENDING);
        if (cancelled) {
            events.runCancelled(scheduler.count(StepState.PENDING));
        }
        return new RunSummary(
                ran, reused, failed, skipped, scheduler.failures(), Duration.between(start, Instant.now()), cancelled);
    }

    /**
     * Stops the run: nothing new starts, and every running step is asked to stop at its next safe
     * point. Returns at once; {@link #run} returns when the running steps have.
     */
    public void cancel() {
        cancelled = true;
        live.forEach(RuntimeStepContext::cancel);
    }

    /** Says which steps a killed launcher left half-done (an OOM kill or kill -9 leaves no other trace). */
    private static void reportKilledAttempts(Plan plan, List<String> keys, RunEvents events) {
        for (String key : new LinkedHashSet<>(keys)) {
            events.killedAttempt(plan.step(key).map(PlannedStep::name).orElse(key.substring(0, 12)));
        }
    }

    /** Marks every running step cancelled and gives them a moment to stop (an interrupted run loop). */
    private void cancelAndWait() {
        cancel();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!live.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The shutdown hook (SIGTERM, Ctrl-C): cancels, then waits until {@link #run} has settled every
     * running step. Unbounded on purpose: the JVM exits when this returns, and exiting while a step
     * is inside native code crashes it (and loses the checkpoint the step is about to write). A
     * scheduler that will not wait sends SIGKILL, which leaves the previous checkpoint intact.
     */
    private void cancelAndAwaitSafePoint() {
        int running = live.size();
        cancel();
        RunEvents current = events;
        if (running > 0 && current != null) {
            current.stopping(running);
        }
        try {
            settled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        options.out().flush();
    }
}
