package org.babylab.runtime.internal.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.babylab.api.spi.ComponentFactory;
import org.babylab.api.step.DeviceLease;
import org.babylab.api.step.ResourceRequest;
import org.babylab.runtime.ComponentCatalog;
import org.babylab.runtime.internal.plan.Plan;
import org.babylab.runtime.internal.plan.PlannedStep;
import org.babylab.runtime.internal.registry.PluginCalls;
import org.babylab.runtime.internal.store.FailureRecord;
import org.babylab.runtime.internal.store.Store;

/**
 * The scheduling loop of one run: scans the plan in order for ready steps (every input RAN or
 * REUSED), reuses complete entries, skips the dependents of failures, and starts each remaining
 * step on a worker thread as soon as its {@link ResourceRequest} fits what the {@link ResourcePool}
 * has free; then waits for the next outcome and scans again, until nothing runs and nothing can
 * start. After a cancellation nothing new starts and the running steps are awaited.
 */
final class StepScheduler {
    private final Plan plan;
    private final ComponentCatalog catalog;
    private final Store store;
    private final RunEvents events;
    private final StepComputation computation;
    private final BooleanSupplier cancelled;
    private final Set<String> keptThisRun;
    private final ResourcePool pool;
    private final Map<String, StepState> states = new LinkedHashMap<>();
    private final List<StepFailure> failures = new ArrayList<>();
    /** Per skipped step, the failed step that caused it (transitively). */
    private final Map<String, String> skippedBecause = new HashMap<>();

    StepScheduler(
            Plan plan,
            ComponentCatalog catalog,
            Store store,
            DeviceInventory devices,
            RunEvents events,
            StepComputation computation,
            BooleanSupplier cancelled,
            Set<String> keptThisRun) {
        this.plan = plan;
        this.catalog = catalog;
        this.store = store;
        this.events = events;
        this.computation = computation;
        this.cancelled = cancelled;
        this.keptThisRun = keptThisRun;
        this.pool = new ResourcePool(devices);
        plan.steps().forEach(s -> states.put(s.key(), StepState.PENDING));
    }

    /**
     * Runs the loop until every step is settled or, after a cancellation, every running step has returned.
     *
     * @throws InterruptedException when the calling thread is interrupted while waiting for an outcome
     */
    void schedule() throws InterruptedException {
        BlockingQueue<StepOutcome> outcomes = new LinkedBlockingQueue<>();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "babylab-step-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        int running = 0;
        try {
            while (true) {
                for (PlannedStep step : plan.steps()) {
                    if (cancelled.getAsBoolean()) {
                        break; // after cancellation nothing new starts; running steps are awaited below
                    }
                    Optional<DeviceLease> lease = startable(step);
                    if (lease.isEmpty()) {
                        continue;
                    }
                    states.put(step.key(), StepState.RUNNING);
                    running++;
                    DeviceLease granted = lease.get();
                    workers.submit(() -> {
                        StepOutcome o;
                        try {
                            o = computation.compute(plan, step, granted, () -> pool.threadsNow(granted));
                        } catch (Throwable t) {
                            // Even an Error must produce an outcome, or this loop would wait forever.
                            o = new StepOutcome(
                                    step, granted, StepState.FAILED, t.toString(), store.logFile(step.key()));
                        }
                        outcomes.add(o);
                    });
                }
                if (running == 0) {
                    // Nothing in flight and the scan above started nothing: every step is settled.
                    break;
                }
                StepOutcome o = outcomes.take();
                running--;
                pool.release(o.lease());
                states.put(o.step().key(), o.state());
                if (o.state() == StepState.FAILED) {
                    failures.add(new StepFailure(o.step().name(), o.step().key(), o.message(), o.log()));
                }
            }
        } finally {
            workers.shutdown();
        }
    }

    /**
     * Settles {@code step} if it can be settled without computing it (reused, kept, skipped, failed
     * before it starts), and otherwise returns the lease it starts with when it is ready and fits.
     */
    private Optional<DeviceLease> startable(PlannedStep step) {
        if (states.get(step.key()) != StepState.PENDING) {
            return Optional.empty();
        }
        if (step.kept() != null) {
            // Its stage's step computes it; it is settled as soon as its entry exists.
            if (keptThisRun.contains(step.key())) {
                states.put(step.key(), StepState.RAN);
                events.keptPublished(step);
                return Optional.empty();
            }
            if (store.isComplete(step.key())) {
                states.put(step.key(), StepState.REUSED);
                events.reused(step, false);
                return Optional.empty();
            }
        }
        Optional<PlannedStep> badParent = step.dependsOn().stream()
                .filter(k -> states.get(k) == StepState.FAILED || states.get(k) == StepState.SKIPPED)
                .map(k -> plan.step(k).orElseThrow())
                .findFirst();
        if (badParent.isPresent()) {
            String root = skippedBecause.getOrDefault(
                    badParent.get().key(), badParent.get().name());
            skippedBecause.put(step.key(), root);
            states.put(step.key(), StepState.SKIPPED);
            events.skipped(step, root);
            return Optional.empty();
        }
        boolean ready = step.dependsOn().stream()
                .allMatch(k -> states.get(k) == StepState.RAN || states.get(k) == StepState.REUSED);
        if (!ready) {
            return Optional.empty();
        }
        if (step.kept() != null) {
            PlannedStep stage = plan.step(step.kept().stageKey()).orElseThrow();
            String message = StepComputation.notReached(stage);
            fail(step, message, store.logFile(stage.key()));
            try {
                // Remembered, so the stored stage is not trained again for a checkpoint it never reaches.
                store.recordFailure(new FailureRecord(
                        step.key(),
                        step.name(),
                        message,
                        store.logFile(stage.key()).toString(),
                        Instant.now().toString()));
            } catch (IOException e) {
                events.warning("could not record the failure of " + step.name() + ": " + e.getMessage());
            }
            return Optional.empty();
        }
        if (StepComputation.isDone(store, plan, step)) {
            states.put(step.key(), StepState.REUSED);
            events.reused(step, false);
            return Optional.empty();
        }
        ResourceRequest request;
        try {
            request = request(step);
        } catch (RuntimeException e) {
            fail(step, "cannot compute its resource request: " + e.getMessage(), null);
            return Optional.empty();
        }
        Optional<String> never = pool.whyNeverFits(request);
        if (never.isPresent()) {
            fail(step, never.get(), null);
            return Optional.empty();
        }
        return pool.tryAcquire(request);
    }

    /** Fails {@code step} before it starts; {@code log} goes into the run's failure list, not the console line. */
    private void fail(PlannedStep step, String message, Path log) {
        states.put(step.key(), StepState.FAILED);
        failures.add(new StepFailure(step.name(), step.key(), message, log));
        events.failed(step, message, null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ResourceRequest request(PlannedStep step) {
        ComponentFactory f = FactoryLookup.of(catalog, step.decl(), ComponentFactory.class);
        ResourceRequest r =
                PluginCalls.withContextLoader(f, () -> f.resources(step.decl().config()));
        return r == null ? ResourceRequest.cpu(1) : r;
    }

    /** How many steps ended in {@code state}. */
    int count(StepState state) {
        return (int) states.values().stream().filter(x -> x == state).count();
    }

    List<StepFailure> failures() {
        return failures;
    }
}
